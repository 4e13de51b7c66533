import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Mailer, MailLocale } from '@homi/mail';
import { sendEmpty, sendJson } from './http';
import { escapeHtml, layout, pageSecurityHeaders, sendPage } from './login/page';
import { languageOf, TEXTS } from './login/texts';
import type { Log } from './log';
import { REALM_PATH } from './types';
import type { StoredUser, UserStore } from './users';

/** Where a verification link lands: Keycloak's path for action tokens. */
export const ACTION_TOKEN_PATH = `${REALM_PATH}/login-actions/action-token`;

/** Keycloak's default lifespan of an action token an administrator sends (12 hours). */
const DEFAULT_LIFESPAN_SECONDS = 12 * 3600;
const MAX_LIFESPAN_SECONDS = 30 * 24 * 3600;

interface PendingVerification {
  userId: string;
  /** The address the mail went to: a key for another address (changed since) confirms nothing. */
  email: string;
  expiresAt: number;
  /** Where the page's link goes once confirmed (a registered redirect URI), if the caller named one. */
  redirectUri?: string;
}

export interface EmailVerificationOptions {
  users: UserStore;
  /** Without one, sending answers 500 as Keycloak does without an SMTP server. */
  mailer?: Pick<Mailer, 'send'>;
  /** `http://{publicHost}:{port}`: the link's base. */
  baseUrl: string;
  /** The redirect URIs the web client may name; others are ignored. */
  redirectUris: readonly string[];
  log: Log;
  clock?: () => number;
}

/**
 * Keycloak's "verify e-mail" as the identity service meets it (ADR 51): the Admin API's
 * `PUT /users/{id}/send-verify-email` mails a one-time link through libs/mail, and the link marks the
 * address verified. Keys live in memory, stored hashed: a restart of the issuer voids the links,
 * as it would void a login in progress.
 */
export function createEmailVerification(o: EmailVerificationOptions) {
  const pending = new Map<string, PendingVerification>();
  const clock = o.clock ?? Date.now;
  const digest = (key: string) => createHash('sha256').update(key).digest('base64url');
  const forget = () => {
    for (const [k, v] of pending) if (v.expiresAt <= clock()) pending.delete(k);
  };

  /** The Admin API's send-verify-email on `user`: 204, 400 (no address, disabled) or 500 (no mail sent). */
  async function send(res: ServerResponse, user: StoredUser, query: URLSearchParams): Promise<void> {
    if (!user.email) return sendJson(res, 400, { errorMessage: 'User email missing' });
    if (!user.enabled) return sendJson(res, 400, { errorMessage: 'User is disabled' });
    if (!o.mailer) return sendJson(res, 500, { errorMessage: 'Failed to send verify email' });
    const lifespan = Number(query.get('lifespan') ?? DEFAULT_LIFESPAN_SECONDS);
    if (!Number.isInteger(lifespan) || lifespan < 1 || lifespan > MAX_LIFESPAN_SECONDS) return sendJson(res, 400, { errorMessage: 'Invalid lifespan' });
    const redirect = query.get('redirect_uri') ?? undefined;
    if (redirect !== undefined && !o.redirectUris.includes(redirect)) return sendJson(res, 400, { errorMessage: 'Invalid redirect uri.' });
    forget();
    const key = randomBytes(32).toString('base64url');
    const expiresAt = clock() + lifespan * 1000;
    pending.set(digest(key), { userId: user.id, email: user.email, expiresAt, ...(redirect ? { redirectUri: redirect } : {}) });
    const link = `${o.baseUrl}${ACTION_TOKEN_PATH}?key=${key}`;
    try {
      await o.mailer.send(user.email, 'account-verification', localeOf(user), { link, expiresAt: new Date(expiresAt) });
    } catch {
      pending.delete(digest(key));
      return sendJson(res, 500, { errorMessage: 'Failed to send verify email' });
    }
    o.log('verify_email_sent', { userId: user.id });
    return sendEmpty(res, 204);
  }

  /** The link's page: confirms the address once, in the language the browser asks for. */
  function page(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== 'GET') return sendEmpty(res, 405, { allow: 'GET' });
    // As the login pages: `?lang=` when given, else the browser's first language (nl unless it is en).
    const language = languageOf(url.searchParams.get('lang'), (req.headers['accept-language'] ?? '').replace(/[,;]/g, ' '));
    const t = TEXTS[language];
    const key = url.searchParams.get('key') ?? '';
    const found = pending.get(digest(key));
    const user = found && found.expiresAt > clock() ? o.users.get(found.userId) : undefined;
    const show = (status: number, title: string, text: string, href?: string) =>
      sendPage(res, status, layout(language, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>${
        href ? `<p><a class="button" href="${escapeHtml(href)}">${escapeHtml(t.toHomi)}</a></p>` : ''}`), pageSecurityHeaders([]));
    if (!found || !user || !user.enabled || user.email !== found.email) {
      if (found && !user) pending.delete(digest(key));
      return show(400, t.linkInvalidTitle, t.linkInvalidText);
    }
    pending.delete(digest(key));
    o.users.update(user.id, { emailVerified: true });
    o.log('email_verified', { userId: user.id });
    // Back to the web application: the caller's redirect URI, else the first one registered.
    const back = found.redirectUri ?? o.redirectUris[0];
    return show(200, t.verifiedTitle, t.verifiedText, back ? new URL(back).origin + '/' : undefined);
  }

  return { send, page };
}

export type EmailVerification = ReturnType<typeof createEmailVerification>;

/** The account's `locale` attribute, as Keycloak picks the mail's language; else Dutch. */
function localeOf(user: StoredUser): MailLocale {
  const locale = user.attributes.locale?.[0];
  return locale === 'en' ? 'en' : 'nl';
}
