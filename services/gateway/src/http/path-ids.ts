import type { RequestHandler } from 'express';
import { prefixedIdPattern, tenantDataApi } from '@homi/contracts';
import { AppError, isId } from '@homi/service-kit';

/** A path segment naming a resource; a value it does not accept names nothing (404). */
export interface PathId {
  label: string;
  /** The OpenAPI parameter component that describes it. */
  parameter: string;
  accepts(value: string): boolean;
}

/** Keycloak's user ids: lower-case RFC 9562 UUIDs, the one spelling its tokens carry as `sub`. */
const KEYCLOAK_USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const prefixedId = (prefix: string, label: string, parameter: string): PathId => ({
  label,
  parameter,
  accepts: (value) => isId(value, prefix),
});

/** A user id as the identity provider gives it: `usr_…` (development issuer) or a UUID (Keycloak). */
export const isUserId = (value: string): boolean => isId(value, 'usr') || KEYCLOAK_USER_ID.test(value);

export const memberUserId: PathId = { label: 'Member', parameter: 'memberUserId', accepts: isUserId };

/**
 * A client id a request body names, for the audit record: `{ clientId }` when it is a well-formed
 * `cli_` id, else nothing. The record is made before the service judges the body, so whatever else
 * a caller typed there (a name, say) never reaches the log.
 */
export const auditedClientId = (value: unknown): Record<string, string> => (typeof value === 'string' && isId(value, 'cli') ? { clientId: value } : {});

/** An appointment mail's unsubscribe code in a one-click URL (RFC 8058, ADR 53): the shape only; tenant-data checks its MAC. */
export const unsubscribeCode: PathId = { label: 'Unsubscribe link', parameter: 'unsubscribeCode', accepts: (value) => tenantDataApi.UNSUBSCRIBE_CODE.test(value) };

/** The same rules for the OpenAPI document. */
export const USER_ID_PATTERN = `^(?:${prefixedIdPattern('usr').slice(1, -1)}|${KEYCLOAK_USER_ID.source.slice(1, -1)})$`;

/** 404 for the first path id its rule does not accept: a malformed id names nothing, like an unknown one. */
export function assertPathIds(ids: Record<string, PathId>, params: Record<string, unknown>): void {
  for (const [param, id] of Object.entries(ids)) {
    if (!id.accepts(String(params[param]))) throw new AppError('not_found', `${id.label} was not found`);
  }
}

/** The path-id check as middleware, for routes without a tenant in the path (tenant routes check after the tenant). */
export const requirePathIds = (ids: Record<string, PathId>): RequestHandler => (req, _res, next) => {
  assertPathIds(ids, req.params);
  next();
};
