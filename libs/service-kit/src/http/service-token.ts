import { randomUUID, sign, verify as verifySignature } from 'node:crypto';
import type { JWTPayload } from 'jose';
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

/** Whether `signature` is `key`'s over `input`: synchronous node:crypto, the counterpart of signWith. */
function signedWith(key: Pick<SigningKey, 'alg' | 'key'>, input: string, signature: Buffer): boolean {
  try {
    return key.alg === 'EdDSA'
      ? verifySignature(null, Buffer.from(input), key.key, signature)
      : verifySignature('sha256', Buffer.from(input), { key: key.key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}

const B64URL = /^[A-Za-z0-9_-]+$/;

/** A compact JWS's header and payload as JSON objects, with its signing input and signature; undefined when it is not one. */
function parseCompact(token: string): { header: Record<string, unknown>; payload: JWTPayload; input: string; signature: Buffer } | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => B64URL.test(p))) return undefined;
  const [h, p, s] = parts as [string, string, string];
  try {
    const header: unknown = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    const payload: unknown = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
    if (!isObject(header) || !isObject(payload)) return undefined;
    return { header, payload: payload as JWTPayload, input: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
  } catch {
    return undefined;
  }
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
      // Verified with node:crypto, synchronously (ADR 59): WebCrypto's asynchronous jobs cost more than
      // the Ed25519 check itself. The checks are jose's jwtVerify's for these tokens: the header's alg
      // is the key's, typ ours, no `crit`; the signature; iss, aud, exp, iat with the tolerance.
      const parsed = parseCompact(token);
      if (!parsed) throw refuse('not a token');
      const { header, payload, input, signature } = parsed;
      const issuer = payload.iss;
      if (typeof issuer !== 'string' || (request.issuers && !request.issuers.includes(issuer))) throw refuse('issuer not accepted here');
      const key = trusted.get(issuer)?.find((k) => k.kid === header.kid);
      if (!key) throw refuse('unknown key');
      if (header.alg !== key.alg || header.typ !== SERVICE_TOKEN_TYPE || header.crit !== undefined || !signedWith(key, input, signature)) throw refuse('signature or form');
      const nowSeconds = Math.floor(now / 1000);
      for (const claim of ['iat', 'exp'] as const) if (typeof payload[claim] !== 'number') throw refuse(`${claim} does not match`);
      for (const claim of ['jti', 'htm', 'htu'] as const) if (payload[claim] === undefined) throw refuse(`${claim} does not match`);
      const audience = payload.aud;
      if (!(audience === keys.service || (Array.isArray(audience) && audience.includes(keys.service)))) throw refuse('aud does not match');
      if ((payload.exp as number) <= nowSeconds - CLOCK_TOLERANCE_SECONDS) throw refuse('expired');
      if (typeof payload.nbf === 'number' && payload.nbf > nowSeconds + CLOCK_TOLERANCE_SECONDS) throw refuse('nbf does not match');
      const { iat = 0, exp = 0, jti, htm, htu } = payload;
      if (exp - iat > MAX_TOKEN_LIFE_SECONDS || iat * 1000 > now + CLOCK_TOLERANCE_SECONDS * 1000) throw refuse('lifetime');
      if (htm !== request.method.toUpperCase() || htu !== request.path) throw refuse('issued for another request');
      if (typeof jti !== 'string' || !seen.accept(jti, (exp + CLOCK_TOLERANCE_SECONDS) * 1000, now)) throw refuse('already used');
      return { issuer, payload };
    },
  };
}
