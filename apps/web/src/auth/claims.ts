function claimsOf(accessToken: string): Record<string, unknown> {
  const payload = accessToken.split('.')[1] ?? '';
  return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
}

/** When the person last entered their password (`auth_time`, seconds), for what to show; the API decides. */
export function authTimeOf(accessToken: string): number | undefined {
  try {
    const authTime = claimsOf(accessToken).auth_time;
    return typeof authTime === 'number' ? authTime : undefined;
  } catch {
    return undefined;
  }
}

/** The realm roles in a Keycloak-shaped access token (`realm_access.roles`), for what to show; the API decides. */
export function realmRolesOf(accessToken: string): string[] {
  try {
    const claims = claimsOf(accessToken) as { realm_access?: { roles?: unknown } };
    const roles = claims.realm_access?.roles;
    return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}

/** The token's subject: the person's user id (HOMi staff have no /me to ask). */
export function subjectOf(accessToken: string): string | undefined {
  try {
    const { sub } = claimsOf(accessToken);
    return typeof sub === 'string' ? sub : undefined;
  } catch {
    return undefined;
  }
}
