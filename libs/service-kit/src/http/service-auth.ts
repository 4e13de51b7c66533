import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { unauthenticated } from '../errors';

/**
 * Service-to-service calls on internal routes (a data owner uploading its export part to the
 * privacy service): `X-Homi-Service: <service>.<exp>.<hmac>` keyed by INTERNAL_AUTH_SECRET, valid
 * for a few minutes. Separate from the caller context: no user stands behind these calls.
 */
export const SERVICE_HEADER = 'x-homi-service';

const mac = (payload: string, secret: string) => createHmac('sha256', `service:${secret}`).update(payload).digest('base64url');

export function signService(service: string, secret: string, ttlSeconds = 300, now = Date.now()): string {
  const payload = `${service}.${Math.floor(now / 1000) + ttlSeconds}`;
  return `${payload}.${mac(payload, secret)}`;
}

export function verifyService(header: string | undefined, secret: string, now = Date.now()): string {
  const parts = (header ?? '').split('.');
  if (parts.length !== 3) throw unauthenticated('Missing service credentials.');
  const [service = '', exp = '', signature = ''] = parts;
  const expected = Buffer.from(mac(`${service}.${exp}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw unauthenticated('Invalid service credentials.');
  if (!/^[a-z][a-z0-9-]{1,40}$/.test(service) || Number(exp) * 1000 < now) throw unauthenticated('Expired service credentials.');
  return service;
}

declare module 'express-serve-static-core' {
  interface Request {
    service?: string;
  }
}

/** Requires a valid service credential; the calling service's name lands in `req.service`. */
export function requireService(secret: string) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    req.service = verifyService(req.header(SERVICE_HEADER), secret);
    next();
  };
}
