import type { CurrentStatement, Membership, SupportAccessRefused, SupportGrant, TenantActionPerformed, UserAccess } from '@homi/contracts';
import type { Principal } from '../domain/principal';

/** Turns a bearer token into a principal, or throws TokenRejectedError / IssuerUnavailableError. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/** The token is not one this gateway accepts; `reason` is for the log, never for the caller. */
export class TokenRejectedError extends Error {
  constructor(readonly reason: string) {
    super(`token rejected: ${reason}`);
    this.name = 'TokenRejectedError';
  }
}

/** The issuer's keys could not be obtained, so the token could not be judged either way. */
export class IssuerUnavailableError extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`issuer unavailable: ${reason}`, options);
    this.name = 'IssuerUnavailableError';
  }
}

/** A user's membership of a tenant, as the identity service publishes it. */
export interface MembershipStore {
  get(userId: string, tenantId: string): Promise<Membership | undefined>;
  /** Every membership the user holds now; refuses (unavailable) rather than answer from a partial view. */
  ofUser(userId: string): Promise<Membership[]>;
}

/** What identity publishes about users beyond the token: login allowed, statement accepted. */
export interface UserAccessStore {
  get(userId: string): Promise<UserAccess | undefined>;
  /** The privacy statement in force; none before the first is published. */
  currentStatement(): Promise<CurrentStatement | undefined>;
}

/** The support grants identity publishes (support-grants bucket), whatever their times: the caller judges those. */
export interface SupportGrantStore {
  grantsFor(supportUserId: string, tenantId: string): Promise<SupportGrant[]>;
  /**
   * This replica forwarded an owner's successful revocation: the grant counts as gone here at once,
   * before identity's deletion of the key reaches the watch (other replicas learn it from the watch).
   */
  forget(requestId: string): void;
}

/** Where the tenant's audit events go; resolves only once they are stored (acknowledged), else throws. */
export interface AuditTrail {
  record(event: TenantActionPerformed): Promise<void>;
}

/** Where refused support calls go (the AUDIT stream); resolves once stored, else rejects. Nobody on a request's path awaits it. */
export interface RefusalTrail {
  record(event: SupportAccessRefused): Promise<void>;
}

/** What a rate limiter answers for one request. */
export interface TakeResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until a request would be allowed; 0 when allowed now. */
  retryAfterSeconds: number;
}

/** Requests per caller (`user:…` or `ip:…`) over a window; each replica may count on its own. */
export interface RateLimiter {
  /** Requests allowed per window. */
  readonly limit: number;
  /** The window `limit` refers to, in seconds (`RateLimit-Policy`). */
  readonly windowSeconds: number;
  /** Spends one request of `key`'s allowance, if any is left. */
  take(key: string): TakeResult;
}
