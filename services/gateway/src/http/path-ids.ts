import { isId } from '@homi/service-kit';

/** A path segment naming a resource; a value it does not accept names nothing (404). */
export interface PathId {
  label: string;
  accepts(value: string): boolean;
}

/** Keycloak's user ids: lower-case RFC 9562 UUIDs, the one spelling its tokens carry as `sub`. */
const KEYCLOAK_USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const prefixedId = (prefix: string, label: string): PathId => ({ label, accepts: (value) => isId(value, prefix) });

/** A user id as the identity provider gives it: `usr_…` (development issuer) or a UUID (Keycloak). */
export const isUserId = (value: string): boolean => isId(value, 'usr') || KEYCLOAK_USER_ID.test(value);

export const memberUserId: PathId = { label: 'Member', accepts: isUserId };

/** The same rules for the OpenAPI document. */
export const USER_ID_PATTERN = `^(?:usr_[0-9A-Za-z]{8,40}|${KEYCLOAK_USER_ID.source.slice(1, -1)})$`;
