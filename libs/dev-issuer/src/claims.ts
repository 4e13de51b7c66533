import { effectiveRealmRoles, type StoredUser } from './users';
import { verifyTotp } from './totp';

/**
 * What a one-time code sent with a login proves: nothing sent → no second factor; a correct code for
 * a user with an OTP credential → a second factor; anything else → the login fails, as a wrong password.
 */
export function checkSecondFactor(user: StoredUser, code: string | undefined): 'none' | 'otp' | 'invalid' {
  if (code === undefined || code === '') return 'none';
  return user.totpSecret && verifyTotp(user.totpSecret, code.trim()) ? 'otp' : 'invalid';
}

/** How and when the user authenticated; carried from login through every refresh. */
export interface LoginFacts {
  authTime: number;
  acr: string;
  amr: string[];
  sid: string;
}

/** The second factor a login used, if any: an authenticator app's code or a security key (WebAuthn). */
export type SecondFactor = 'otp' | 'hwk';

/**
 * The realm's acr.loa.map (deploy/keycloak/homi-realm.json): level 1 is a password, level 2 a
 * password and a second factor, and Keycloak names them "1" and "2". `amr` names the factor as the
 * realm's authenticator reference values do (RFC 8176: `otp`, `hwk` for a hardware-bound key).
 */
export function loginLevel(secondFactor?: SecondFactor): Pick<LoginFacts, 'acr' | 'amr'> {
  return secondFactor ? { acr: '2', amr: ['pwd', secondFactor] } : { acr: '1', amr: ['pwd'] };
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
