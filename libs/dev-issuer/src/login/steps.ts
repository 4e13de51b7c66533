import { alertBox, escapeHtml, field } from './page';
import { TEXTS, type Language } from './texts';

// The sign-in's steps as HTML: password, authenticator code, security key, adding a security key.

export type Errors = Partial<Record<'email' | 'password' | 'code' | 'form', string>>;

const hidden = (name: string, value = '') => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
const button = (action: string, step: string, label: string) =>
  `<form method="post" action="${escapeHtml(action)}">${hidden('step', step)}<button type="submit" class="secondary">${escapeHtml(label)}</button></form>`;

export function passwordStep(language: Language, action: string, errors: Errors = {}, email = ''): string {
  const t = TEXTS[language];
  return `${errors.form ? alertBox(language, errors.form) : ''}<h1>${t.title}</h1><p class="lead">${t.lead}</p>
<form method="post" action="${escapeHtml(action)}" novalidate>${hidden('step', 'password')}
${field({ id: 'email', label: t.email, name: 'username', type: 'email', value: email, error: errors.email, autocomplete: 'username', inputmode: 'email', autofocus: !errors.password })}
${field({ id: 'password', label: t.password, name: 'password', type: 'password', error: errors.password, autocomplete: 'current-password', autofocus: Boolean(errors.password) })}
<button type="submit">${t.submit}</button></form>`;
}

export function codeStep(language: Language, action: string, error?: string): string {
  const t = TEXTS[language];
  return `<h1>${t.codeTitle}</h1><p class="lead">${t.codeLead}</p>
<form method="post" action="${escapeHtml(action)}" novalidate>${hidden('step', 'code')}
${field({ id: 'code', label: t.code, name: 'totp', hint: t.codeHint, error, autocomplete: 'one-time-code', inputmode: 'numeric', autofocus: true })}
<button type="submit">${t.codeSubmit}</button></form>
${button(action, 'restart', t.otherAccount)}`;
}

/**
 * A WebAuthn ceremony's page: the form security-key.js answers (options in, the browser's answer
 * out), a live status line, the error of the last try, and the ways out.
 */
function ceremonyStep(o: {
  language: Language; action: string; kind: 'authenticate' | 'register'; options: unknown; error?: string;
  title: string; lead: string; submit: string; others: string;
}): string {
  const t = TEXTS[o.language];
  const step = o.kind === 'register' ? 'register' : 'key';
  return `${o.error ? alertBox(o.language, o.error) : ''}<h1>${o.title}</h1><p class="lead">${o.lead}</p>
<form method="post" action="${escapeHtml(o.action)}" data-security-key="${o.kind}" data-options="${escapeHtml(JSON.stringify(o.options))}" data-waiting="${escapeHtml(t.keyWaiting)}">${
  hidden('step', step)}${hidden('credential')}${hidden('failure')}
<button type="submit" aria-describedby="key-status">${o.submit}</button><p class="status" id="key-status" role="status" aria-live="polite"></p>
<noscript><p>${t.keyNoScript}</p></noscript></form>
${o.others}`;
}

export function keyStep(language: Language, action: string, options: unknown, withCode: boolean, error?: string): string {
  const t = TEXTS[language];
  return ceremonyStep({
    language, action, kind: 'authenticate', options, error, title: t.keyTitle, lead: t.keyLead, submit: t.keySubmit,
    others: `${withCode ? button(action, 'use-code', t.useCode) : ''}${button(action, 'restart', t.otherAccount)}`,
  });
}

export function registerStep(language: Language, action: string, options: unknown, error?: string): string {
  const t = TEXTS[language];
  return ceremonyStep({
    language, action, kind: 'register', options, error, title: t.registerTitle, lead: t.registerLead, submit: t.registerSubmit,
    others: button(action, 'skip-register', t.registerSkip),
  });
}
