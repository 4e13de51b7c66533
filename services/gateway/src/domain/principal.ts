/** The verified subject of an access token. */
export interface Principal {
  /** The token's `sub`. */
  userId: string;
  email?: string;
  /** Keycloak realm roles (`realm_access.roles`). */
  roles: string[];
  /** Authentication context class (`acr`): the level of assurance of the login. */
  acr?: string;
  /** Authentication methods (`amr`, RFC 8176): `pwd`, `otp`, `hwk`, … */
  amr?: string[];
  /** Seconds since the epoch (`auth_time`). */
  authTime?: number;
}
