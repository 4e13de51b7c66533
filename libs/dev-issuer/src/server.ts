import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Mailer, SmtpMailSender, smtpSettingsFrom } from '@homi/mail';
import { createAdminApi } from './admin-api';
import { profileClaims } from './claims';
import { ACTION_TOKEN_PATH, createEmailVerification } from './email-verification';
import { BodyTooLargeError, bearerToken, sendJson } from './http';
import { loadOrCreateSigningKeys } from './keys';
import { createLoginPage } from './login/login-page';
import { RESOURCES_PATH, serveResource } from './login/resources';
import { silentLog, type Log } from './log';
import { createProvider, OIDC_PATH, webOriginsOf } from './provider';
import { SecurityKeyCeremonies } from './security-keys';
import { createTokenVerifier, type TokenVerifier } from './token-verifier';
import {
  ADMIN_CLIENT_ID, ADMIN_PATH, DEFAULT_WEB_ORIGINS, REALM_PATH, webPostLogoutUrisFor, webRedirectUrisFor,
  type DevIssuer, type DevIssuerOptions, type DevUser,
} from './types';
import { fromDevUser, UserStore } from './users';

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

// Keycloak's userinfo accepts its access tokens; oidc-provider's refuses audience-bound ones, so answer here.
function userinfo(users: UserStore, verify: TokenVerifier): Handler {
  return async (req, res) => {
    const token = bearerToken(req);
    const claims = token ? await verify(token) : undefined;
    const user = claims?.sub && claims.azp !== ADMIN_CLIENT_ID ? users.get(claims.sub) : undefined;
    if (!user?.enabled) {
      return sendJson(res, 401, { error: 'invalid_token', error_description: 'Token verification failed' }, {
        'www-authenticate': 'Bearer realm="homi", error="invalid_token", error_description="Token verification failed"',
      });
    }
    return sendJson(res, 200, { sub: user.id, ...profileClaims(user) });
  };
}

/** libs/mail over the given SMTP server; its log line (template, Message-ID, recipient reference) goes to the issuer's log. */
function issuerMailer(smtpUrl: string, log: Log): Mailer {
  const settings = smtpSettingsFrom({ SMTP_URL: smtpUrl, SMTP_SECURE: false, SMTP_REQUIRE_TLS: false, MAIL_FROM: 'HOMi <no-reply@homi.local>', NODE_ENV: 'development' });
  const line = (obj: object, msg: string) => log(msg.replaceAll(' ', '_'), { detail: JSON.stringify(obj) });
  return new Mailer(new SmtpMailSender(settings), { info: line, warn: line });
}

function listen(port: number, host: string) {
  const server = createServer();
  return new Promise<typeof server>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/** Starts a Keycloak-shaped OIDC issuer for realm `homi`. Node only: it loads the ESM-only oidc-provider. */
export async function startDevIssuer(options: DevIssuerOptions, log: Log = silentLog): Promise<DevIssuer> {
  const { host = '127.0.0.1', publicHost = 'localhost', accessTokenTtlSeconds = 300 } = options;
  // Bind first: the issuer URL must carry the port, and port 0 only reveals it after listen.
  const server = await listen(options.port, host);
  const { port } = server.address() as AddressInfo;
  const url = `http://${publicHost}:${port}`;
  const issuer = `${url}${REALM_PATH}`;

  const keys = loadOrCreateSigningKeys(options.keysFile);
  const users = new UserStore(options.stateFile);
  // Seeded users are added once; on a restart with a state file they are already there.
  for (const user of options.users ?? []) if (!users.get(user.id)) await users.add(fromDevUser(user));
  const webOrigins = options.webOrigins ?? (options.webRedirectUris ? [] : DEFAULT_WEB_ORIGINS);
  const webRedirectUris = [...new Set([...(options.webRedirectUris ?? []), ...webRedirectUrisFor(webOrigins)])];
  const webPostLogoutRedirectUris = webPostLogoutUrisFor([...new Set([...webOrigins, ...webOriginsOf(webRedirectUris)])]);
  const provider = createProvider({
    issuer, keys, users, accessTokenTtlSeconds, adminSecret: options.adminSecret, webRedirectUris, webPostLogoutRedirectUris,
  });
  provider.on('server_error', (_ctx, err: Error) => log('server_error', { message: err.message }));
  const verify = createTokenVerifier(issuer, keys);
  // Security keys are bound to the host name the login pages are served from (WebAuthn's rpId).
  const securityKeys = new SecurityKeyCeremonies({ id: publicHost, name: 'HOMi', origins: [url] }, users);
  const mailer = options.smtpUrl ? issuerMailer(options.smtpUrl, log) : undefined;
  const verification = createEmailVerification({ users, baseUrl: url, redirectUris: webRedirectUris, log, ...(mailer ? { mailer } : {}) });
  const oidc = provider.callback();
  const routes: [string, Handler][] = [
    [`${REALM_PATH}${OIDC_PATH}/userinfo`, userinfo(users, verify)],
    [`${REALM_PATH}/login-actions/authenticate/`, createLoginPage(provider, users, webOriginsOf([...webRedirectUris, ...webPostLogoutRedirectUris]), securityKeys)],
    [`${REALM_PATH}${RESOURCES_PATH}/`, (_req, res, url) => serveResource(res, url.pathname)],
    [ACTION_TOKEN_PATH, verification.page],
    [`${ADMIN_PATH}/`, createAdminApi(users, verify, url, verification)],
    [`${REALM_PATH}/`, (req, res) => {
      // Mounted like express does it: oidc-provider derives endpoint URLs from originalUrl minus url.
      Object.assign(req, { originalUrl: req.url, url: req.url?.slice(REALM_PATH.length) || '/' });
      return oidc(req, res);
    }],
  ];

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const requestUrl = new URL(req.url ?? '/', url);
    const route = routes.find(([prefix]) => requestUrl.pathname.startsWith(prefix) || requestUrl.pathname === prefix.replace(/\/$/, ''));
    Promise.resolve(route ? route[1](req, res, requestUrl) : sendJson(res, 404, { error: 'Unable to find matching target resource method' }))
      .catch((err: unknown) => {
        if (err instanceof BodyTooLargeError) return sendJson(res, 413, { error: 'Request entity too large' });
        log('server_error', { message: err instanceof Error ? err.message : String(err), path: requestUrl.pathname });
        if (!res.headersSent) sendJson(res, 500, { error: 'unknown_error' });
        else res.end();
      });
  });

  return {
    issuer,
    url,
    addUser: async (user: DevUser) => void (await users.add(fromDevUser(user))),
    setPassword: (id, password) => users.setPassword(id, password),
    disableUser: (id) => void users.update(id, { enabled: false }),
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      await mailer?.close();
    },
  };
}
