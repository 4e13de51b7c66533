import type { NewAccount } from '../application/ports';

/** Keycloak keeps a first and a last name; HOMi keeps one name. Split at the first space. */
export function splitName(name: string): { firstName: string; lastName: string } {
  const trimmed = name.trim();
  const space = trimmed.indexOf(' ');
  return space < 0 ? { firstName: trimmed, lastName: '' } : { firstName: trimmed.slice(0, space), lastName: trimmed.slice(space + 1).trim() };
}

export function joinName(firstName: string | undefined, lastName: string | undefined): string {
  return [firstName, lastName].filter(Boolean).join(' ');
}

/** A new account as Keycloak's Admin REST API (and the development issuer's copy of it) takes one: the email is also the username. */
export function newUserRepresentation(account: NewAccount) {
  return {
    username: account.email,
    email: account.email,
    ...splitName(account.name),
    enabled: account.enabled,
    emailVerified: account.emailVerified ?? false,
    ...(account.password !== undefined ? { credentials: [{ type: 'password', value: account.password, temporary: false }] } : {}),
  };
}
