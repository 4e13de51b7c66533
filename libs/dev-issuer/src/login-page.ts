import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { checkSecondFactor, loginLevel } from './claims';
import { readBody } from './http';
import type { UserStore } from './users';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(action: string, error?: string, username = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Sign in to homi</title></head><body>
<h1>Sign in to homi (development issuer)</h1>
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="${escape(action)}">
<label>Username or email <input name="username" autocomplete="username" value="${escape(username)}" autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<label>One-time code (if you use an authenticator app) <input name="totp" autocomplete="one-time-code" inputmode="numeric"></label>
<button type="submit">Sign in</button>
</form></body></html>`;
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

/** The authorization-code flow's login form: checks the password as the password grant does. */
export function createLoginPage(provider: Provider, users: UserStore) {
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const details = await provider.interactionDetails(req, res).catch(() => undefined);
    if (!details) return sendHtml(res, 400, '<p>This sign-in request has expired. Start again from the application.</p>');

    if (details.prompt.name === 'consent') {
      // Keycloak asks first-party clients for no consent; grant what was asked.
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session?.accountId, clientId: String(details.params.client_id) });
      if (!grant) return sendHtml(res, 400, '<p>Unknown grant.</p>');
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
        grant.addResourceScope(resource, scopes.join(' '));
      }
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    }

    if (req.method !== 'POST') return sendHtml(res, 200, page(url.pathname));
    const form = new URLSearchParams(await readBody(req));
    const username = form.get('username') ?? '';
    const user = await users.authenticate(username, form.get('password') ?? '');
    if (!user) return sendHtml(res, 200, page(url.pathname, 'Invalid username or password.', username));
    if (!user.enabled) return sendHtml(res, 200, page(url.pathname, 'Account is disabled, contact your administrator.', username));
    const secondFactor = checkSecondFactor(user, form.get('totp') ?? undefined);
    if (secondFactor === 'invalid') return sendHtml(res, 200, page(url.pathname, 'Invalid one-time code.', username));
    return provider.interactionFinished(req, res, { login: { accountId: user.id, ...loginLevel(secondFactor === 'otp') } }, {
      mergeWithLastSubmission: false,
    });
  };
}
