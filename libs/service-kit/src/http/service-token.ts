import { randomUUID, sign } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { unauthenticated } from '../errors';
import type { ServiceKeys, SigningKey, TrustedKeys } from '../service-keys';

/**
 * Service-to-service credentials (ADR 38): a JWT signed with the caller's own key, naming the
 * calling service (`iss`), the service called (`aud`), the request's method (`htm`) and
 * origin-relative target, path and query (`htu`), with a short life and a `jti` the receiver
 * accepts once. A credential captured on one hop opens no other service, route or method.
 */
export const SERVICE_TOKEN_TYPE = 'homi-service+jwt';
/** The longest life a receiver accepts (exp − iat), whatever the token says. */
export const MAX_TOKEN_LIFE_SECONDS = 60;
/** What a sender uses unless told otherwise. */
export const DEFAULT_TOKEN_LIFE_SECONDS = 30;
/** Clock difference between two hosts the receiver tolerates. */
const CLOCK_TOLERANCE_SECONDS = 5;

/** The request a credential is for. */
export interface ServiceTarget {
  /** The service called (its name, as in SERVICE_NAMES). */
  audience: string;
  method: string;
  /** Path and query as sent on the request line (`/internal/v1/tenants/ten_…`). */
  path: string;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A signed credential from `keys.service` for one request to `target` (synchronous: Ed25519/ES256 from node:crypto). */
export function mintServiceToken(
  keys: Pick<ServiceKeys, 'service' | 'signing'>,
  target: ServiceTarget,
  options: { claims?: Record<string, unknown>; ttlSeconds?: number; now?: number } = {},
): string {
  const { signing } = keys;
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const payload = {
    ...options.claims,
    iss: keys.service,
    aud: target.audience,
    htm: target.method.toUpperCase(),
    htu: target.path,
    iat,
    exp: iat + (options.ttlSeconds ?? DEFAULT_TOKEN_LIFE_SECONDS),
    jti: randomUUID(),
  };
  const input = `${b64({ alg: signing.alg, typ: SERVICE_TOKEN_TYPE, kid: signing.kid })}.${b64(payload)}`;
  return `${input}.${signWith(signing, input).toString('base64url')}`;
}

function signWith(signing: SigningKey, input: string): Buffer {
  return signing.alg === 'EdDSA'
    ? sign(null, Buffer.from(input), signing.key)
    : sign('sha256', Buffer.from(input), { key: signing.key, dsaEncoding: 'ieee-p1363' });
}

/**
 * Remembers the `jti`s it has accepted until they expire, so a captured credential cannot be sent
 * again to the same route of the same process. Bounded: when full it drops the oldest.
 */
class SeenTokens {
  private readonly seen = new Map<string, number>();
  constructor(private readonly max = 100_000) {}

  /** False when `jti` was already accepted and has not expired. */
  accept(jti: string, expMs: number, now: number): boolean {
    const known = this.seen.get(jti);
    if (known !== undefined && known >= now) return false;
    if (this.seen.size >= this.max) this.prune(now);
    this.seen.set(jti, expMs);
    return true;
  }

  private prune(now: number): void {
    for (const [jti, exp] of this.seen) if (exp < now) this.seen.delete(jti);
    while (this.seen.size >= this.max) this.seen.delete(this.seen.keys().next().value as string);
  }
}

export interface VerifiedCall {
  issuer: string;
  payload: JWTPayload;
}

/** Verifies the credentials a service receives; one per process (it holds the seen `jti`s). */
export interface ServiceVerifier {
  /** The service it verifies for: credentials must name it as their audience. */
  readonly service: string;
  verify(token: string | undefined, request: { method: string; path: string; issuers?: readonly string[] }, now?: number): Promise<VerifiedCall>;
}

export function serviceVerifier(keys: Pick<ServiceKeys, 'service' | 'trusted'>): ServiceVerifier {
  const seen = new SeenTokens();
  const trusted: TrustedKeys = keys.trusted;
  const refuse = (why: string) => unauthenticated(`Invalid service credentials: ${why}.`);
  return {
    service: keys.service,
    async verify(token, request, now = Date.now()) {
      if (!token) throw unauthenticated('Missing service credentials.');
      let issuer: unknown;
      let kid: unknown;
      try {
        issuer = decodeJwt(token).iss;
        kid = decodeProtectedHeader(token).kid;
      } catch {
        throw refuse('not a token');
      }
      if (typeof issuer !== 'string' || (request.issuers && !request.issuers.includes(issuer))) throw refuse('issuer not accepted here');
      const key = trusted.get(issuer)?.find((k) => k.kid === kid);
      if (!key) throw refuse('unknown key');
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, key.key, {
          algorithms: [key.alg],
          typ: SERVICE_TOKEN_TYPE,
          issuer,
          audience: keys.service,
          requiredClaims: ['iat', 'exp', 'jti', 'htm', 'htu'],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          currentDate: new Date(now),
        }));
      } catch (err) {
        throw refuse(err instanceof joseErrors.JWTExpired ? 'expired' : err instanceof joseErrors.JWTClaimValidationFailed ? `${err.claim} does not match` : 'signature or form');
      }
      const { iat = 0, exp = 0, jti, htm, htu } = payload;
      if (exp - iat > MAX_TOKEN_LIFE_SECONDS || iat * 1000 > now + CLOCK_TOLERANCE_SECONDS * 1000) throw refuse('lifetime');
      if (htm !== request.method.toUpperCase() || htu !== request.path) throw refuse('issued for another request');
      if (typeof jti !== 'string' || !seen.accept(jti, (exp + CLOCK_TOLERANCE_SECONDS) * 1000, now)) throw refuse('already used');
      return { issuer, payload };
    },
  };
}
