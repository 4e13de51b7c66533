import { randomBytes } from 'node:crypto';
import Provider, { errors, type ClientMetadata, type Configuration, type KoaContextWithOIDC, type ResourceServer } from 'oidc-provider';
import { loginLevel, profileClaims, serviceAccountClaims, userTokenClaims, type LoginFacts } from './claims';
import type { SigningKeys } from './keys';
import { logoutPages } from './login/logout-pages';
import { registerPasswordGrant } from './password-grant';
import {
  ADMIN_CLIENT_ID, CLI_CLIENT_ID, GATEWAY_AUDIENCE, REALM_PATH, WEB_CLIENT_ID,
} from './types';
import type { UserStore } from './users';

export const GATEWAY_RESOURCE = 'urn:homi:gateway';
const ADMIN_RESOURCE = 'urn:homi:realm-management';
const USER_SCOPES = 'openid profile email offline_access';
export const OIDC_PATH = '/protocol/openid-connect';

export interface ProviderSettings {
  issuer: string;
  keys: SigningKeys;
  users: UserStore;
  accessTokenTtlSeconds: number;
  adminSecret?: string;
  webRedirectUris: string[];
  webPostLogoutRedirectUris: string[];
}

/** The origins homi-web's redirect URIs point at: where the login form's answer may be redirected. */
export const webOriginsOf = (uris: string[]) => [...new Set(uris.map((uri) => new URL(uri).origin))];

function resourceServerFor(resource: string, clientId: string, ttl: number): ResourceServer | undefined {
  const jwt = { sign: { alg: 'RS256' as const } };
  if (resource === GATEWAY_RESOURCE && clientId !== ADMIN_CLIENT_ID) {
    return { scope: USER_SCOPES, audience: GATEWAY_AUDIENCE, accessTokenFormat: 'jwt', accessTokenTTL: ttl, jwt };
  }
  if (resource === ADMIN_RESOURCE && clientId === ADMIN_CLIENT_ID) {
    return { scope: '', audience: 'realm-management', accessTokenFormat: 'jwt', accessTokenTTL: ttl, jwt };
  }
  return undefined;
}

function loginFactsOf(ctx: KoaContextWithOIDC, token: { sid?: string; sessionUid?: string }, fallback: Pick<LoginFacts, 'acr' | 'amr'>): LoginFacts {
  // A refresh keeps what the original login established; a code exchange takes it from the code.
  const source = ctx.oidc.entities.RefreshToken ?? ctx.oidc.entities.AuthorizationCode;
  return {
    authTime: source?.authTime ?? Math.floor(Date.now() / 1000),
    acr: source?.acr ?? fallback.acr,
    amr: source?.amr ?? fallback.amr,
    sid: source?.sid ?? token.sid ?? source?.sessionUid ?? token.sessionUid ?? '',
  };
}

function clients(settings: ProviderSettings): Configuration['clients'] {
  const list: ClientMetadata[] = [
    {
      client_id: CLI_CLIENT_ID,
      token_endpoint_auth_method: 'none',
      grant_types: ['password', 'refresh_token'],
      response_types: [],
      redirect_uris: [],
      scope: USER_SCOPES,
    },
    {
      client_id: WEB_CLIENT_ID,
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: settings.webRedirectUris,
      post_logout_redirect_uris: settings.webPostLogoutRedirectUris,
      scope: USER_SCOPES,
    },
  ];
  if (settings.adminSecret) {
    list.push({
      client_id: ADMIN_CLIENT_ID,
      client_secret: settings.adminSecret,
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    });
  }
  return list;
}

/** An oidc-provider configured to answer as Keycloak's realm `homi` does (mount it at REALM_PATH). */
export function createProvider(settings: ProviderSettings): Provider {
  const { users, accessTokenTtlSeconds: ttl } = settings;
  const pages = logoutPages(webOriginsOf([...settings.webRedirectUris, ...settings.webPostLogoutRedirectUris]));
  const provider = new Provider(settings.issuer, {
    clients: clients(settings),
    jwks: settings.keys,
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    routes: {
      authorization: `${OIDC_PATH}/auth`,
      token: `${OIDC_PATH}/token`,
      jwks: `${OIDC_PATH}/certs`,
      userinfo: `${OIDC_PATH}/userinfo`,
      end_session: `${OIDC_PATH}/logout`,
      revocation: `${OIDC_PATH}/revoke`,
    },
    // userinfo is answered by the issuer's own route (oidc-provider refuses audience-bound tokens there).
    discovery: { userinfo_endpoint: `${settings.issuer}${OIDC_PATH}/userinfo` },
    scopes: USER_SCOPES.split(' '),
    claims: {
      acr: null,
      sid: null,
      auth_time: null,
      iss: null,
      openid: ['sub', 'acr', 'amr', 'auth_time'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    },
    conformIdTokenClaims: false,
    acrValues: ['1', '2'],
    responseTypes: ['code', 'none'],
    // Keycloak's application-initiated actions (kc_action=webauthn-register adds a security key).
    extraParams: ['kc_action'],
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false },
      revocation: { enabled: true },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource: pages.logoutSource, postLogoutSuccessSource: pages.postLogoutSuccessSource },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx, client, oneOf) =>
          oneOf ?? (client.clientId === ADMIN_CLIENT_ID ? ADMIN_RESOURCE : GATEWAY_RESOURCE),
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource, client) => {
          const info = resourceServerFor(resource, client.clientId, ttl);
          if (!info) throw new errors.InvalidTarget();
          return info;
        },
      },
    },
    renderError: pages.renderError,
    interactions: { url: (_ctx, interaction) => `${REALM_PATH}/login-actions/authenticate/${interaction.uid}` },
    // Keycloak does not ask first-party clients for consent: grant what they ask for.
    loadExistingGrant: async (ctx) => {
      const { session, client, result } = ctx.oidc;
      const grantId = result?.consent?.grantId ?? (client && session?.grantIdFor(client.clientId));
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      if (!client || !session?.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(USER_SCOPES);
      grant.addResourceScope(GATEWAY_RESOURCE, USER_SCOPES);
      await grant.save();
      return grant;
    },
    findAccount: (_ctx, sub) => {
      const user = users.get(sub);
      if (!user?.enabled) return undefined;
      return { accountId: user.id, claims: () => ({ sub: user.id, ...profileClaims(user) }) };
    },
    extraTokenClaims: (ctx, token) => {
      if (token.kind === 'ClientCredentials') return serviceAccountClaims(token.clientId ?? '');
      const user = token.accountId ? users.get(token.accountId) : undefined;
      if (!user || !token.clientId) return undefined;
      return userTokenClaims(user, token.clientId, loginFactsOf(ctx, token, loginLevel()));
    },
    formats: {
      customizers: {
        jwt: (_ctx, token, jwt) => {
          jwt.header = { typ: 'JWT' };
          if (token.kind === 'AccessToken') {
            jwt.payload.aud = [GATEWAY_AUDIENCE, 'account'];
            // Keycloak's default client scopes are in every user token, asked for or not.
            const scopes = new Set(String(jwt.payload.scope ?? '').split(' ').filter(Boolean));
            jwt.payload.scope = [...new Set([...scopes, 'profile', 'email'])].join(' ');
            delete jwt.payload.client_id;
          } else {
            jwt.payload.aud = ['realm-management', 'account'];
          }
        },
      },
    },
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    clientBasedCORS: (_ctx, origin, client) =>
      client.clientAuthMethod === 'none' && client.redirectUris?.some((uri) => new URL(uri).origin === origin) === true,
    ttl: {
      AccessToken: ttl,
      ClientCredentials: ttl,
      IdToken: ttl,
      AuthorizationCode: 60,
      RefreshToken: 1800,
      Interaction: 1800,
      Session: 36000,
      Grant: 36000,
    },
  });
  const gateway = resourceServerFor(GATEWAY_RESOURCE, CLI_CLIENT_ID, ttl);
  if (gateway) registerPasswordGrant(provider, users, { resource: GATEWAY_RESOURCE, info: gateway });
  return provider;
}
