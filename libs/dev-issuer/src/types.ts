/** A user the development issuer can log in; `id` becomes the token's `sub`. */
export interface DevUser {
  id: string;
  email: string;
  password: string;
  name?: string;
  /** Realm roles beyond Keycloak's defaults, e.g. `support`. */
  roles?: string[];
  /**
   * An enrolled authenticator app (RFC 6238 base32 secret). A login that also sends the current code
   * (`totp`) is at Keycloak's step-up level: acr '2', amr ['pwd','otp']; without it acr '1'.
   */
  totpSecret?: string;
  enabled?: boolean;
}

export interface DevIssuerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Interface to bind. */
  host?: string;
  /** Host name in the issuer URL; tokens' `iss` must match what verifiers expect. */
  publicHost?: string;
  users?: DevUser[];
  /** JWK set with the private signing key; loaded if present, otherwise generated and saved. */
  keysFile?: string;
  accessTokenTtlSeconds?: number;
  /** Secret of the confidential `homi-admin` client; without it the admin API refuses every call. */
  adminSecret?: string;
  /** Exact redirect URIs allowed for the `homi-web` client (besides those of `webOrigins`). */
  webRedirectUris?: string[];
  /**
   * Origins the web application is served from (the gateway's, e.g. http://localhost:3000): each gets
   * homi-web's sign-in and silent-renewal callbacks as redirect URIs and `{origin}/` as post-logout URI.
   */
  webOrigins?: string[];
  /** Where accounts (with password hashes) are kept across restarts; in memory only without it. */
  stateFile?: string;
  /**
   * The SMTP server (an `smtp://` URL) the Admin API's send-verify-email mails through (libs/mail);
   * without it that call answers 500, as Keycloak does without an SMTP server.
   */
  smtpUrl?: string;
}

export interface DevIssuer {
  /** `http://{publicHost}:{port}/realms/homi` */
  issuer: string;
  /** `http://{publicHost}:{port}`, the base of the admin API (`{url}/admin/realms/homi`). */
  url: string;
  addUser(user: DevUser): Promise<void>;
  setPassword(id: string, password: string): Promise<void>;
  disableUser(id: string): void;
  close(): Promise<void>;
}

export const REALM = 'homi';
export const REALM_PATH = `/realms/${REALM}`;
export const ADMIN_PATH = `/admin/realms/${REALM}`;
export const GATEWAY_AUDIENCE = 'homi-gateway';
export const CLI_CLIENT_ID = 'homi-cli';
export const WEB_CLIENT_ID = 'homi-web';
export const ADMIN_CLIENT_ID = 'homi-admin';
/** Realm roles Keycloak gives every user (default-roles-homi and its composites). */
export const DEFAULT_REALM_ROLES = ['default-roles-homi', 'offline_access', 'uma_authorization'];
/** Where the web application takes the issuer's answers (apps/web/src/auth/paths.ts). */
export const WEB_CALLBACK_PATHS = ['/auth/callback', '/silent-callback.html'];
/** `npm start`'s gateway and the web app's development server (vite). */
export const DEFAULT_WEB_ORIGINS = ['http://localhost:3000', 'http://localhost:5173'];

/** homi-web's redirect URIs for web application origins. */
export const webRedirectUrisFor = (origins: string[]) => origins.flatMap((o) => WEB_CALLBACK_PATHS.map((p) => `${o}${p}`));
/** homi-web's post-logout redirect URIs: the start page of each origin. */
export const webPostLogoutUrisFor = (origins: string[]) => origins.map((o) => `${o}/`);
export const DEFAULT_WEB_REDIRECT_URIS = webRedirectUrisFor(DEFAULT_WEB_ORIGINS);
