import { randomUUID } from 'node:crypto';
import { errors, type KoaContextWithOIDC, type ResourceServer, type TokenEndpointGrantContext } from 'oidc-provider';
import type Provider from 'oidc-provider';
import { checkSecondFactor, loginLevel, profileClaims, type LoginFacts } from './claims';
import type { StoredUser, UserStore } from './users';

export interface GatewayResource {
  resource: string;
  info: ResourceServer;
}

const OPTIONAL_SCOPES = new Set(['openid', 'offline_access']);
// Keycloak's default client scopes: always granted, whether asked for or not.
const DEFAULT_SCOPES = ['profile', 'email'];

type PasswordParams = { username?: string; password?: string; scope?: string; totp?: string };

function status(error: InstanceType<typeof errors.CustomOIDCProviderError>, code: number) {
  Object.assign(error, { status: code, statusCode: code });
  return error;
}

/** Keycloak answers every wrong username or password alike: 401 invalid_grant. */
function invalidCredentials() {
  return status(new errors.CustomOIDCProviderError('invalid_grant', 'Invalid user credentials'), 401);
}

function grantedScope(requested: string | undefined): string {
  const asked = (requested ?? '').split(' ').filter(Boolean);
  const unknown = asked.filter((s) => !OPTIONAL_SCOPES.has(s) && !DEFAULT_SCOPES.includes(s));
  if (unknown.length > 0) throw new errors.InvalidScope('Invalid scopes: ' + unknown.join(' '), unknown.join(' '));
  const optional = asked.filter((s) => OPTIONAL_SCOPES.has(s));
  return [...new Set([...optional.filter((s) => s === 'openid'), ...DEFAULT_SCOPES, ...optional])].join(' ');
}

/** Keycloak's direct access grant: username (or email), password and optionally a one-time code in, tokens out. */
export function registerPasswordGrant(provider: Provider, users: UserStore, gateway: GatewayResource): void {
  provider.registerGrantType<PasswordParams>('password', async (ctx: TokenEndpointGrantContext<PasswordParams>) => {
    const { client, params } = ctx.oidc;
    const scope = grantedScope(params.scope);
    const user = await users.authenticate(params.username ?? '', params.password ?? '');
    if (!user) throw invalidCredentials();
    if (!user.enabled) throw status(new errors.CustomOIDCProviderError('invalid_grant', 'Account disabled'), 400);
    // Keycloak's direct grant reads the one-time code from `totp`; a wrong one fails like a wrong password.
    const secondFactor = checkSecondFactor(user, params.totp);
    if (secondFactor === 'invalid') throw invalidCredentials();

    const login: LoginFacts = { authTime: Math.floor(Date.now() / 1000), ...loginLevel(secondFactor === 'otp' ? 'otp' : undefined), sid: randomUUID() };
    const grant = new provider.Grant({ accountId: user.id, clientId: client.clientId });
    grant.addOIDCScope(scope);
    grant.addResourceScope(gateway.resource, scope);
    const grantId = await grant.save();

    const refreshToken = new provider.RefreshToken({
      accountId: user.id, client, grantId, gty: 'password', scope, resource: gateway.resource,
      authTime: login.authTime, acr: login.acr, amr: login.amr, sid: login.sid, rotations: 0,
    });
    // The access token's claims read login facts from here, as they do on a refresh.
    ctx.oidc.entity('Grant', grant);
    ctx.oidc.entity('RefreshToken', refreshToken);

    const accessToken = new provider.AccessToken({ accountId: user.id, client, grantId, gty: 'password', scope, sid: login.sid });
    accessToken.resourceServer = new provider.ResourceServer(gateway.resource, gateway.info);
    ctx.oidc.entity('AccessToken', accessToken);

    const idToken = scope.split(' ').includes('openid')
      ? await issueIdToken(provider, ctx, user, scope, login)
      : undefined;

    ctx.body = {
      access_token: await accessToken.save(),
      expires_in: accessToken.expiration,
      refresh_expires_in: refreshToken.expiration,
      refresh_token: await refreshToken.save(),
      token_type: 'Bearer',
      ...(idToken ? { id_token: idToken } : {}),
      'not-before-policy': 0,
      session_state: login.sid,
      scope,
    };
  }, ['username', 'password', 'scope', 'totp']);
}

async function issueIdToken(provider: Provider, ctx: KoaContextWithOIDC, user: StoredUser, scope: string, login: LoginFacts) {
  const token = new provider.IdToken(
    { sub: user.id, ...profileClaims(user), acr: login.acr, amr: login.amr, auth_time: login.authTime },
    { ctx },
  );
  Object.assign(token, { scope });
  token.set('sid', login.sid);
  return token.issue({ use: 'idtoken' });
}
