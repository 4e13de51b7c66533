import { effectiveRealmRoles, type StoredUser } from './users';

/** How and when the user authenticated; carried from login through every refresh. */
export interface LoginFacts {
  authTime: number;
  acr: string;
  amr: string[];
  sid: string;
}

/** Keycloak's convention: level 1 is a password, level 2 a second factor. */
export function loginLevel(user: StoredUser): Pick<LoginFacts, 'acr' | 'amr'> {
  return user.mfa ? { acr: '2', amr: ['pwd', 'otp'] } : { acr: '1', amr: ['pwd'] };
}

export function displayName(user: StoredUser): string {
  return [user.firstName, user.lastName].filter(Boolean).join(' ');
}

/** The profile and email claims Keycloak's default client scopes add. */
export function profileClaims(user: StoredUser): Record<string, unknown> {
  const name = displayName(user);
  return {
    email: user.email,
    email_verified: user.emailVerified,
    ...(name ? { name } : {}),
    ...(user.firstName ? { given_name: user.firstName } : {}),
    ...(user.lastName ? { family_name: user.lastName } : {}),
    preferred_username: user.username,
  };
}

/** Claims a Keycloak access token for this user carries besides iss/sub/aud/exp/iat/jti/scope. */
export function userTokenClaims(user: StoredUser, clientId: string, login: LoginFacts): Record<string, unknown> {
  return {
    typ: 'Bearer',
    azp: clientId,
    sid: login.sid,
    auth_time: login.authTime,
    acr: login.acr,
    amr: login.amr,
    realm_access: { roles: effectiveRealmRoles(user) },
    resource_access: { account: { roles: ['manage-account', 'manage-account-links', 'view-profile'] } },
    ...profileClaims(user),
  };
}

export const ADMIN_ROLES = ['manage-users', 'view-users', 'query-users'];

/** Claims of a service-account token for the admin client, as Keycloak issues them. */
export function serviceAccountClaims(clientId: string): Record<string, unknown> {
  return {
    typ: 'Bearer',
    azp: clientId,
    acr: '1',
    preferred_username: `service-account-${clientId}`,
    realm_access: { roles: ['default-roles-homi', 'offline_access', 'uma_authorization'] },
    resource_access: { 'realm-management': { roles: ADMIN_ROLES } },
    client_id: clientId,
  };
}
