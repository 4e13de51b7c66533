import { createHash } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTHeaderParameters, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { Logger } from '@homi/service-kit';
import { IssuerUnavailableError, TokenRejectedError, type TokenVerifier } from '../application/ports';
import type { Principal } from '../domain/principal';
import { discoverJwksUri } from './oidc-discovery';
import { retryForever } from './retry';

export interface JwksTokenVerifierOptions {
  /** `{base}/realms/homi`; pinned as `iss`. */
  issuer: string;
  /** Pinned as one of `aud`. */
  audience: string;
  /** Skips discovery when given. */
  jwksUrl?: string;
  logger: Logger;
  /** At most 30 s: how far `exp`/`nbf`/`iat` may be off the gateway's clock. */
  clockToleranceSeconds?: number;
  /** Background refresh of the key set, so removed keys stop verifying without a restart. */
  refreshIntervalMs?: number;
  /** How many verified tokens are remembered (see JwksTokenVerifier.verify); default 10,000. */
  maxRemembered?: number;
}

/** A token that verified: what it says, until when, and the key that verified it. */
interface Verified {
  principal: Principal;
  /** The token's `exp`, in seconds. */
  exp: number;
  header: JWTHeaderParameters;
  key: unknown;
}

/** The claims of a Keycloak access token the gateway relies on; other claims are ignored. */
const AccessTokenClaims = z.object({
  sub: z.string().min(1).max(255),
  // Keycloak marks access tokens `Bearer`; ID tokens say `ID`, refresh tokens `Refresh`.
  typ: z.literal('Bearer'),
  email: z.string().optional().catch(undefined),
  realm_access: z.object({ roles: z.array(z.string()) }).optional().catch(undefined),
  acr: z.string().optional().catch(undefined),
  amr: z.array(z.string()).optional().catch(undefined),
  auth_time: z.number().optional().catch(undefined),
});

/** Failures of fetching the key set, as opposed to a token that does not verify. */
function isKeySetUnavailable(err: unknown): boolean {
  if (!(err instanceof errors.JOSEError)) return true;
  return err.code === 'ERR_JWKS_TIMEOUT' || err.code === 'ERR_JOSE_GENERIC' || err.code === 'ERR_JWKS_INVALID';
}

/**
 * Verifies access tokens against the issuer's JWKS (RS256 only; iss, aud, exp and typ checked). The
 * key set is discovered and loaded in the background, retrying until the issuer answers; until then
 * every token is answered as "issuer unavailable". Keycloak and the development issuer go through
 * this same path.
 */
export class JwksTokenVerifier implements TokenVerifier {
  private jwks?: ReturnType<typeof createRemoteJWKSet>;
  private getKey?: JWTVerifyGetKey;
  private startup?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private readonly abort = new AbortController();
  private loaded = false;
  /** Verified tokens by the SHA-256 of the token, oldest first. */
  private readonly verified = new Map<string, Verified>();

  constructor(private readonly options: JwksTokenVerifierOptions) {
    if ((options.clockToleranceSeconds ?? 30) > 30) throw new Error('clock tolerance must be at most 30 s');
  }

  /** Starts discovery and key loading; the returned promise settles when keys are loaded (or on stop). */
  start(): Promise<void> {
    this.startup ??= this.load().catch((err: unknown) => {
      if (!this.abort.signal.aborted) throw err;
    });
    return this.startup;
  }

  /** Readiness: a key set has been loaded (known without `jwks()`, which copies the whole set on every call). */
  isReady(): boolean {
    return this.loaded;
  }

  stop(): void {
    this.abort.abort();
    clearInterval(this.timer);
  }

  /**
   * The token's principal. A token verified before is not verified again until it expires (ADR 59):
   * remembered by its SHA-256, with the key that verified it, it is taken as verified while its `exp`
   * has not passed (without the clock tolerance a first verification allows) and the key set still
   * gives the same key for its header: a reloaded key set (every refresh) or a removed key sends it
   * through the full verification again.
   */
  async verify(token: string): Promise<Principal> {
    const getKey = this.getKey;
    if (!getKey || !this.isReady()) throw new IssuerUnavailableError('signing keys are not loaded yet');
    const digest = createHash('sha256').update(token).digest('base64url');
    const known = this.verified.get(digest);
    if (known) {
      const current = known.exp > Date.now() / 1000 ? await Promise.resolve(getKey(known.header, undefined as never)).catch(() => undefined) : undefined;
      if (current !== undefined && current === known.key) return known.principal;
      this.verified.delete(digest);
    }
    let payload: JWTPayload;
    let header: JWTHeaderParameters;
    let key: unknown;
    try {
      ({ payload, protectedHeader: header } = await jwtVerify(token, async (h, t) => (key = await getKey(h, t)), {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: ['RS256'],
        clockTolerance: this.options.clockToleranceSeconds ?? 30,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (err) {
      if (err instanceof IssuerUnavailableError) throw err;
      throw new TokenRejectedError(err instanceof errors.JOSEError ? err.code : 'malformed');
    }
    const claims = AccessTokenClaims.safeParse(payload);
    if (!claims.success) throw new TokenRejectedError(`claims: ${claims.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    const { sub, email, realm_access, acr, amr, auth_time } = claims.data;
    const principal: Principal = Object.freeze({ userId: sub, email, roles: Object.freeze(realm_access?.roles ?? []) as string[], acr, amr, authTime: auth_time });
    this.remember(digest, { principal, exp: payload.exp ?? 0, header, key });
    return principal;
  }

  private remember(digest: string, verified: Verified): void {
    const max = this.options.maxRemembered ?? 10_000;
    if (this.verified.size >= max) {
      const now = Date.now() / 1000;
      for (const [d, v] of this.verified) if (v.exp <= now) this.verified.delete(d);
      while (this.verified.size >= max) this.verified.delete(this.verified.keys().next().value as string);
    }
    this.verified.set(digest, verified);
  }

  private async load(): Promise<void> {
    const { issuer, logger } = this.options;
    const signal = this.abort.signal;
    const jwksUrl =
      this.options.jwksUrl ??
      (await retryForever(() => discoverJwksUri(issuer, 5_000, signal), { logger, what: 'OIDC discovery', signal }));
    // Keys are never treated as stale on the request path (a stale set would make every request wait
    // on, and fail with, the issuer); the timer below refreshes them, and an unknown `kid` refetches.
    const jwks = createRemoteJWKSet(new URL(jwksUrl), { cacheMaxAge: Infinity, cooldownDuration: 30_000, timeoutDuration: 5_000 });
    this.jwks = jwks;
    this.getKey = async (header, token) => {
      try {
        return await jwks(header, token);
      } catch (err) {
        if (isKeySetUnavailable(err)) throw new IssuerUnavailableError('could not fetch the key set', { cause: err });
        throw err;
      }
    };
    await retryForever(() => jwks.reload(), { logger, what: 'loading the issuer key set', signal });
    this.loaded = jwks.jwks() !== undefined;
    logger.info({ issuer, keys: jwks.jwks()?.keys.length ?? 0 }, 'issuer keys loaded');
    this.timer = setInterval(() => {
      jwks.reload().catch((err: unknown) => logger.warn({ err, issuer }, 'refreshing the issuer key set failed'));
    }, this.options.refreshIntervalMs ?? 5 * 60_000);
    this.timer.unref();
  }
}
