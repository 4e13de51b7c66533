import type { NextFunction, Request, Response } from 'express';
import { forbidden } from '../errors';
import type { ServiceKeys } from '../service-keys';
import { mintServiceToken, type ServiceTarget, type ServiceVerifier } from './service-token';

/**
 * Service-to-service calls on internal routes (a data owner uploading its export part to the
 * privacy service, tenant-data asking identity for an institute's details): `X-Homi-Service`
 * carries a credential signed with the calling service's own key, for this one request to this
 * one service (ADR 38). Separate from the caller context: no user stands behind these calls.
 */
export const SERVICE_HEADER = 'x-homi-service';

/** A credential from `keys.service` for one request to `target`. */
export function signService(keys: Pick<ServiceKeys, 'service' | 'signing'>, target: ServiceTarget, ttlSeconds?: number, now?: number): string {
  return mintServiceToken(keys, target, { ttlSeconds, now });
}

/** The header of a call to `url` on `audience`: the credential names the path and query fetch will send. */
export function serviceCallHeaders(keys: Pick<ServiceKeys, 'service' | 'signing'>, audience: string, method: string, url: string): Record<string, string> {
  const { pathname, search } = new URL(url);
  return { [SERVICE_HEADER]: signService(keys, { audience, method, path: pathname + search }) };
}

/** Another service's internal base URL and the keys this service calls it with. */
export interface ServiceEndpoint {
  url: string;
  keys: Pick<ServiceKeys, 'service' | 'signing'>;
  timeoutMs?: number;
}

/**
 * Calls another service (`audience`) with a credential bound to this method and path (ADR 38),
 * sending `json` as the body when given: the status and the parsed body (undefined when there is
 * none or it is not JSON). Network failures and timeouts throw.
 */
export async function callService(endpoint: ServiceEndpoint, audience: string, method: string, path: string, json?: unknown): Promise<{ status: number; ok: boolean; body: unknown }> {
  const target = endpoint.url.replace(/\/+$/, '') + path;
  const res = await fetch(target, {
    method,
    headers: { accept: 'application/json', ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...serviceCallHeaders(endpoint.keys, audience, method, target) },
    body: json === undefined ? undefined : JSON.stringify(json),
    signal: AbortSignal.timeout(endpoint.timeoutMs ?? 3_000),
  });
  const body: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  return { status: res.status, ok: res.ok, body };
}

/** GETs a JSON resource of another service (callService without a body). */
export const getFromService = (endpoint: ServiceEndpoint, audience: string, path: string) => callService(endpoint, audience, 'GET', path);

/** The problem type of an answer's body, if it is a problem. */
export const problemTypeOf = (body: unknown): unknown => (body as { type?: unknown } | undefined)?.type;

/** The calling service's name, once its credential is verified for this request. */
export async function verifyService(header: string | undefined, verifier: ServiceVerifier, request: { method: string; path: string }, now?: number): Promise<string> {
  return (await verifier.verify(header, request, now)).issuer;
}

declare module 'express-serve-static-core' {
  interface Request {
    service?: string;
  }
}

/** Requires a valid service credential for this request; the calling service's name lands in `req.service`. */
export function requireService(verifier: ServiceVerifier) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    req.service = await verifyService(req.header(SERVICE_HEADER), verifier, { method: req.method, path: req.originalUrl });
    next();
  };
}

/** After requireService: refuses a validly signed call from any service not named here (403 `service-not-allowed`). */
export function onlyServices(...allowed: string[]) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!allowed.includes(req.service ?? '')) throw forbidden('This route is not for this service.', 'service-not-allowed');
    next();
  };
}
