import type { RequestHandler, Response } from 'express';
import { AppError } from '@homi/service-kit';
import type { RateLimiter } from '../application/ports';

/** Takes one token for `key`, sets the RateLimit headers, and refuses with 429 when none is left. */
export function enforceRateLimit(limiter: RateLimiter, key: string, res: Response): void {
  const result = limiter.take(key);
  res.setHeader('RateLimit-Limit', String(result.limit));
  res.setHeader('RateLimit-Policy', `${result.limit};w=${limiter.windowSeconds}`);
  res.setHeader('RateLimit-Remaining', String(result.remaining));
  if (!result.allowed) {
    throw new AppError('rate_limited', 'Too many requests; slow down and retry after the indicated time.', {
      headers: { 'Retry-After': String(result.retryAfterSeconds) },
    });
  }
}

/** For requests that carry no verified user: limited per client address. */
export function rateLimitByIp(limiter: RateLimiter): RequestHandler {
  return (req, res, next) => {
    enforceRateLimit(limiter, `ip:${req.ip ?? 'unknown'}`, res);
    next();
  };
}
