import type { ServerResponse } from 'node:http';
import { REALM_PATH } from '../types';
import { RESOURCES_PATH } from './resources';
import { TEXTS, type Language } from './texts';

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The issuer pages' own policy: nothing inline, nothing from elsewhere; forms post to the issuer and
 * may be redirected on to the registered web clients (`formTargets`, their origins).
 */
export function pageSecurityHeaders(formTargets: string[]): Record<string, string> {
  const csp = [
    "default-src 'none'", "style-src 'self'", "script-src 'self'", "img-src 'self' data:",
    `form-action 'self' ${formTargets.join(' ')}`.trim(), "frame-ancestors 'none'", "base-uri 'none'",
  ].join('; ');
  return {
    'content-security-policy': csp, 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer', 'cache-control': 'no-store',
  };
}

const LOGO = '<svg aria-hidden="true" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#0f5c55"/><path d="M9 23V9h3v5.5h8V9h3v14h-3v-5.8h-8V23z" fill="#fff"/></svg>';

/** A whole page: HOMi's header with the other language's link, the card, the development note. */
export function layout(language: Language, title: string, body: string, options: { switchHref?: string; script?: 'submit.js' | 'security-key.js' } = {}): string {
  const t = TEXTS[language];
  const other = language === 'nl' ? 'en' : 'nl';
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · HOMi</title><link rel="icon" href="${REALM_PATH}${RESOURCES_PATH}/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${REALM_PATH}${RESOURCES_PATH}/login.css">${
  options.script ? `<script src="${REALM_PATH}${RESOURCES_PATH}/${options.script}"></script>` : ''}</head>
<body><header class="top"><span class="brand">${LOGO}<span>HOMi</span></span>${
  options.switchHref ? `<a href="${escapeHtml(options.switchHref)}" lang="${other}" hreflang="${other}">${t.switchLanguage}</a>` : ''}</header>
<main><div class="card">${body}</div><p class="foot">${t.development}</p></main></body></html>`;
}

export function sendPage(res: ServerResponse, status: number, html: string, headers: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(html);
}

/** A labelled input with its hint and its error, tied together for screen readers. */
export function field(o: {
  id: string; label: string; name: string; type?: string; value?: string; error?: string; hint?: string; autocomplete: string;
  inputmode?: string; autofocus?: boolean;
}): string {
  const described = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ');
  return `<div class="field"><label for="${o.id}">${escapeHtml(o.label)}</label>${
    o.hint ? `<p class="hint" id="${o.id}-hint">${escapeHtml(o.hint)}</p>` : ''}<input id="${o.id}" name="${o.name}" type="${o.type ?? 'text'}" autocomplete="${o.autocomplete}"${
    o.inputmode ? ` inputmode="${o.inputmode}"` : ''}${o.value ? ` value="${escapeHtml(o.value)}"` : ''}${
    described ? ` aria-describedby="${described}"` : ''}${o.error ? ' aria-invalid="true"' : ''}${o.autofocus ? ' autofocus' : ''} required>${
    o.error ? `<p class="error" id="${o.id}-error">${escapeHtml(o.error)}</p>` : ''}</div>`;
}

export function alertBox(language: Language, message: string): string {
  return `<div class="alert" role="alert"><strong>${TEXTS[language].problem}</strong>${escapeHtml(message)}</div>`;
}
