/**
 * The realm's password policy (deploy/keycloak/homi-realm.json: length(12), maxLength(128),
 * notUsername, notEmail), for identity providers that do not enforce one themselves: the
 * development issuer and the in-memory fake. Keycloak enforces it on its own side.
 */
export function passwordProblems(password: string, email: string): string[] {
  const problems: string[] = [];
  if ([...password].length < 12) problems.push('must be at least 12 characters');
  if ([...password].length > 128) problems.push('must be at most 128 characters');
  // The username is the e-mail address, so notUsername and notEmail are one check (case-insensitive, as Keycloak's).
  if (password.toLowerCase() === email.trim().toLowerCase()) problems.push('must not be the e-mail address');
  return problems;
}
