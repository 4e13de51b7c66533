import type { RequestHandler } from 'express';
import { AppError, type Logger } from '@homi/service-kit';
import { IssuerUnavailableError, TokenRejectedError, type RateLimiter, type TokenVerifier } from '../application/ports';
import type { Principal } from '../domain/principal';
import { enforceRateLimit } from './rate-limit';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `authenticate` for every request that reaches a protected route. */
    principal?: Principal;
  }
}

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

// RFC 6750 §3: a request without credentials gets the challenge without an error code; a bad token
// gets error="invalid_token". Both are 401, never 403.
const missingToken = () =>
  new AppError('unauthenticated', 'Send an access token: Authorization: Bearer <token>.', {
    type: 'token-required',
    headers: { 'WWW-Authenticate': 'Bearer realm="homi"' },
  });

const invalidToken = () =>
  new AppError('unauthenticated', 'The access token is not valid or has expired.', {
    type: 'invalid-token',
    headers: { 'WWW-Authenticate': 'Bearer realm="homi", error="invalid_token"' },
  });

const issuerUnavailable = () =>
  new AppError('unavailable', 'The sign-in service cannot be reached right now; try again shortly.', {
    type: 'issuer-unavailable',
    headers: { 'Retry-After': '5' },
  });

/**
 * Verifies the bearer token and rate limits: per user once verified, per client address otherwise
 * (so guessing tokens is limited too). The token and the reason it failed never reach the caller;
 * the reason is logged without the token.
 */
export function authenticate(verifier: TokenVerifier, limiter: RateLimiter, logger: Logger): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization;
    let principal: Principal | undefined;
    let failure: AppError | undefined;
    if (header === undefined) {
      failure = missingToken();
    } else {
      const token = BEARER.exec(header)?.[1];
      try {
        if (!token) throw new TokenRejectedError('not a bearer token');
        principal = await verifier.verify(token);
      } catch (err) {
        if (err instanceof TokenRejectedError) {
          logger.info({ requestId: req.requestId, reason: err.reason }, 'access token rejected');
          failure = invalidToken();
        } else if (err instanceof IssuerUnavailableError) {
          logger.warn({ requestId: req.requestId, err }, 'access token could not be verified');
          failure = issuerUnavailable();
        } else {
          throw err;
        }
      }
    }
    enforceRateLimit(limiter, principal ? `user:${principal.userId}` : `ip:${req.ip ?? 'unknown'}`, res);
    if (failure || !principal) throw failure ?? invalidToken();
    req.principal = principal;
    next();
  };
}
