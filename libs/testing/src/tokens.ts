import { readFileSync } from 'node:fs';
import { totpCode } from '@homi/dev-issuer';
import {
  SignJWT, UnsecuredJWT, decodeJwt, decodeProtectedHeader, exportSPKI, generateKeyPair, importJWK,
  type CryptoKey, type JWK, type JWTPayload, type KeyObject,
} from 'jose';

export type Claims = JWTPayload & Record<string, unknown>;

export interface TokenSet {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  id_token?: string;
  scope?: string;
}

/** The issuer refused a token request; carries Keycloak's error fields, never the credentials. */
export class TokenRequestError extends Error {
  constructor(readonly status: number, readonly error: string, readonly errorDescription?: string) {
    super(`token request failed: ${status} ${error}${errorDescription ? ` (${errorDescription})` : ''}`);
  }
}

async function tokenRequest(issuer: string, params: Record<string, string>): Promise<TokenSet> {
  const res = await fetch(`${issuer}/protocol/openid-connect/token`, { method: 'POST', body: new URLSearchParams(params) });
  const body = (await res.json().catch(() => ({}))) as Partial<TokenSet> & { error?: string; error_description?: string };
  if (!res.ok || typeof body.access_token !== 'string' || typeof body.refresh_token !== 'string') {
    throw new TokenRequestError(res.status, body.error ?? 'invalid_response', body.error_description);
  }
  return body as TokenSet;
}

export interface PasswordGrantOptions {
  clientId?: string;
  scope?: string;
  /** The current one-time code (see `totp`): Keycloak's direct grant then logs in at acr "2". */
  totp?: string;
}

/**
 * Logs a user in with Keycloak's direct access grant over HTTP (the dev issuer or a real Keycloak).
 * The fourth argument is the client id, or options that may add a one-time code.
 */
export function passwordGrant(
  issuer: string,
  username: string,
  password: string,
  clientIdOrOptions: string | PasswordGrantOptions = 'homi-cli',
  scope?: string,
): Promise<TokenSet> {
  const options = typeof clientIdOrOptions === 'string' ? { clientId: clientIdOrOptions, scope } : clientIdOrOptions;
  return tokenRequest(issuer, {
    grant_type: 'password',
    client_id: options.clientId ?? 'homi-cli',
    username,
    password,
    ...(options.scope ? { scope: options.scope } : {}),
    ...(options.totp ? { totp: options.totp } : {}),
  });
}

/** The RFC 6238 code (SHA-1, 6 digits, 30 s) of a base32 secret at `time` (ms, default now), as an authenticator app shows it. */
export function totp(secret: string, time: number = Date.now()): string {
  return totpCode(secret, time);
}

/** Exchanges a refresh token; the issuer rotates it. */
export function refreshGrant(issuer: string, refreshToken: string, clientId = 'homi-cli'): Promise<TokenSet> {
  return tokenRequest(issuer, { grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken });
}

/** The payload of a JWT without checking anything: for assertions, never for trust. */
export function decodeClaims(token: string): Claims {
  return decodeJwt(token) as Claims;
}

export function decodeHeader(token: string) {
  return decodeProtectedHeader(token);
}

/**
 * A claim set shaped like a Keycloak access token for `sub` (1 h to live), to which hostile tokens
 * add their one defect.
 */
export function keycloakClaims(issuer: string, sub: string, overrides: Claims = {}): Claims {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: issuer, sub, aud: ['homi-gateway', 'account'], azp: 'homi-cli', typ: 'Bearer',
    iat: now, exp: now + 3600, auth_time: now, acr: '1', amr: ['pwd'], sid: 'forged-session',
    realm_access: { roles: ['default-roles-homi', 'offline_access', 'uma_authorization'] },
    scope: 'openid profile email', email: `${sub}@example.com`, email_verified: true, preferred_username: `${sub}@example.com`,
    ...overrides,
  };
}

export interface ForgeOptions {
  /** Signing key; default a fresh RSA key nobody publishes. A Uint8Array is an HMAC secret. */
  key?: CryptoKey | KeyObject | JWK | Uint8Array;
  alg?: string;
  kid?: string;
  typ?: string;
}

/** Signs any claims with any key, algorithm and kid; iat/exp are taken from the claims as given. */
export async function forgeToken(claims: Claims, options: ForgeOptions = {}): Promise<string> {
  const alg = options.alg ?? 'RS256';
  let key = options.key ?? (await generateKeyPair(alg, { extractable: true })).privateKey;
  if (!(key instanceof Uint8Array) && 'kty' in key) key = await importJWK(key as JWK, alg);
  const header = { alg, typ: options.typ ?? 'JWT', ...(options.kid ? { kid: options.kid } : {}) };
  return new SignJWT(claims).setProtectedHeader(header).sign(key as CryptoKey | KeyObject | Uint8Array);
}

/** alg "none": no signature at all. A verifier must refuse it. */
export function unsignedToken(claims: Claims): string {
  return new UnsecuredJWT(claims).encode();
}

/** RS256 with a key the issuer never published; pass the issuer's kid to pretend to be its key. */
export function tokenSignedWithForeignKey(claims: Claims, kid = 'foreign-key'): Promise<string> {
  return forgeToken(claims, { kid });
}

async function issuerPublicKey(issuer: string): Promise<JWK> {
  const res = await fetch(`${issuer}/protocol/openid-connect/certs`);
  const { keys } = (await res.json()) as { keys: JWK[] };
  const key = keys.find((k) => k.kty === 'RSA' && (k.use ?? 'sig') === 'sig');
  if (!key) throw new Error(`no RSA signing key at ${issuer}`);
  return key;
}

/** Algorithm confusion: HS256 keyed with the issuer's published public key (PEM), under its kid. */
export async function hmacSignedWithIssuerPublicKey(claims: Claims, issuer: string): Promise<string> {
  const jwk = await issuerPublicKey(issuer);
  const pem = await exportSPKI(await importJWK({ ...jwk, alg: 'RS256' }, 'RS256', { extractable: true }) as CryptoKey);
  return forgeToken(claims, { key: new TextEncoder().encode(pem), alg: 'HS256', kid: jwk.kid });
}

/** A real token whose payload was changed after signing; the signature no longer matches. */
export function tamperedToken(token: string, changes: Claims): string {
  const [header, , signature] = token.split('.');
  const payload = Buffer.from(JSON.stringify({ ...decodeClaims(token), ...changes })).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

/**
 * Signs claims with the dev issuer's own private key, read from the keysFile it was started with:
 * validly signed tokens with chosen defects (expired, wrong audience, wrong issuer, no typ).
 */
export async function signWithIssuerKeys(claims: Claims, keysFile: string): Promise<string> {
  const { keys } = JSON.parse(readFileSync(keysFile, 'utf8')) as { keys: JWK[] };
  const jwk = keys.find((k) => k.kty === 'RSA' && typeof k.d === 'string');
  if (!jwk) throw new Error(`${keysFile} holds no private RSA key`);
  return forgeToken(claims, { key: jwk, alg: 'RS256', kid: jwk.kid });
}
