import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { checkSecondFactor, loginLevel } from '../claims';
import { readBody } from '../http';
import type { StoredUser, UserStore } from '../users';
import { alertBox, escapeHtml, field, layout, pageSecurityHeaders, sendPage } from './page';
import { languageOf, TEXTS, type Language } from './texts';

/** A password checked, the one-time code still to come: per interaction, for as long as it lives. */
interface PendingSecondFactor {
  accountId: string;
  expiresAt: number;
  attempts: number;
}
const SECOND_FACTOR_TTL_MS = 5 * 60_000;
const MAX_CODE_ATTEMPTS = 5;

type Errors = Partial<Record<'email' | 'password' | 'code' | 'form', string>>;

function passwordStep(language: Language, action: string, errors: Errors = {}, email = ''): string {
  const t = TEXTS[language];
  return `${errors.form ? alertBox(language, errors.form) : ''}<h1>${t.title}</h1><p class="lead">${t.lead}</p>
<form method="post" action="${escapeHtml(action)}" novalidate><input type="hidden" name="step" value="password">
${field({ id: 'email', label: t.email, name: 'username', type: 'email', value: email, error: errors.email, autocomplete: 'username', inputmode: 'email', autofocus: !errors.password })}
${field({ id: 'password', label: t.password, name: 'password', type: 'password', error: errors.password, autocomplete: 'current-password', autofocus: Boolean(errors.password) })}
<button type="submit">${t.submit}</button></form>`;
}

function codeStep(language: Language, action: string, error?: string): string {
  const t = TEXTS[language];
  return `<h1>${t.codeTitle}</h1><p class="lead">${t.codeLead}</p>
<form method="post" action="${escapeHtml(action)}" novalidate><input type="hidden" name="step" value="code">
${field({ id: 'code', label: t.code, name: 'totp', hint: t.codeHint, error, autocomplete: 'one-time-code', inputmode: 'numeric', autofocus: true })}
<button type="submit">${t.codeSubmit}</button></form>
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="step" value="restart"><button type="submit" class="secondary">${t.otherAccount}</button></form>`;
}

/**
 * The authorization-code flow's sign-in, as Keycloak's browser flow with OTP: e-mail and password,
 * then — for a user with an authenticator app (support staff) — the one-time code. Dutch first,
 * English on request; errors beside their fields; a strict CSP of its own.
 */
export function createLoginPage(provider: Provider, users: UserStore, formTargets: string[]) {
  const pending = new Map<string, PendingSecondFactor>();
  const headers = pageSecurityHeaders(formTargets);

  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const details = await provider.interactionDetails(req, res).catch(() => undefined);
    const language = languageOf(url.searchParams.get('lang'), details?.params.ui_locales);
    const t = TEXTS[language];
    const show = (status: number, title: string, body: string) =>
      sendPage(res, status, layout(language, title, body, { switchHref: `${url.pathname}?lang=${language === 'nl' ? 'en' : 'nl'}` }), headers);
    if (!details) return show(400, t.expiredTitle, `<h1>${t.expiredTitle}</h1><p>${t.expiredText}</p>`);

    if (details.prompt.name === 'consent') return grantConsent(provider, req, res, details);

    const action = `${url.pathname}?lang=${language}`;
    const finish = (user: StoredUser, secondFactor: boolean) => {
      pending.delete(details.uid);
      return provider.interactionFinished(req, res, { login: { accountId: user.id, ...loginLevel(secondFactor) } }, { mergeWithLastSubmission: false });
    };
    const waiting = pending.get(details.uid);
    const live = waiting && waiting.expiresAt > Date.now() ? waiting : undefined;

    if (req.method !== 'POST') return show(200, live ? t.codeTitle : t.title, live ? codeStep(language, action) : passwordStep(language, action));
    const form = new URLSearchParams(await readBody(req));
    const step = form.get('step') ?? 'password';

    if (step === 'restart') {
      pending.delete(details.uid);
      return show(200, t.title, passwordStep(language, action));
    }
    if (step === 'code' && live) {
      const user = users.get(live.accountId);
      const code = (form.get('totp') ?? '').trim();
      if (!user?.enabled) return show(200, t.title, passwordStep(language, action, { form: t.disabled }));
      if (!code) return show(200, t.codeTitle, codeStep(language, action, t.codeMissing));
      if (checkSecondFactor(user, code) !== 'otp') {
        live.attempts++;
        if (live.attempts >= MAX_CODE_ATTEMPTS) {
          pending.delete(details.uid);
          return show(200, t.title, passwordStep(language, action, { form: t.codeWrong }));
        }
        return show(200, t.codeTitle, codeStep(language, action, t.codeWrong));
      }
      return finish(user, true);
    }

    const email = (form.get('username') ?? '').trim();
    const password = form.get('password') ?? '';
    const missing: Errors = { ...(email ? {} : { email: t.emailMissing }), ...(password ? {} : { password: t.passwordMissing }) };
    if (missing.email || missing.password) return show(200, t.title, passwordStep(language, action, missing, email));
    const user = await users.authenticate(email, password);
    if (!user) return show(200, t.title, passwordStep(language, action, { password: t.wrongCredentials }, email));
    if (!user.enabled) return show(200, t.title, passwordStep(language, action, { form: t.disabled }, email));
    // A code sent along with the password (as the direct grant takes it) counts at once.
    const sentCode = form.get('totp') ?? undefined;
    if (sentCode) {
      const factor = checkSecondFactor(user, sentCode);
      if (factor === 'invalid') return show(200, t.title, passwordStep(language, action, { form: t.codeWrong }, email));
      return finish(user, factor === 'otp');
    }
    if (!user.totpSecret) return finish(user, false);
    pending.set(details.uid, { accountId: user.id, expiresAt: Date.now() + SECOND_FACTOR_TTL_MS, attempts: 0 });
    return show(200, t.codeTitle, codeStep(language, action));
  };
}

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

/** Keycloak asks first-party clients for no consent: grant what was asked. */
async function grantConsent(provider: Provider, req: IncomingMessage, res: ServerResponse, details: Details): Promise<void> {
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: details.session?.accountId, clientId: String(details.params.client_id) });
  if (!grant) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end('Unknown grant');
    return;
  }
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}
