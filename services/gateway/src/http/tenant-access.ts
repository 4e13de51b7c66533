import type { RequestHandler } from 'express';
import type { Membership } from '@homi/contracts';
import { AppError } from '@homi/service-kit';
import { authorizeTenantCall } from '../application/authorize-tenant-call';
import type { MembershipStore } from '../application/ports';
import { anyMember } from '../domain/access';
import { assertPathIds } from './path-ids';
import type { TenantRoute } from './route-table';

declare module 'express-serve-static-core' {
  interface Request {
    /** The caller's membership of the tenant in the path (or named in the body), once authorised. */
    membership?: Membership;
  }
}

/**
 * Admits the request only for a member of the path's tenant holding the route's module level, then
 * checks the other path ids: a malformed id names nothing, so it is a 404 like any unknown one.
 */
export function requireTenantAccess(memberships: MembershipStore, route: TenantRoute): RequestHandler {
  return async (req, _res, next) => {
    if (!req.principal) throw new AppError('unauthenticated', 'Authentication required.');
    req.membership = await authorizeTenantCall(memberships, req.principal, String(req.params.tenantId), route.audience.access);
    assertPathIds(route.ids, req.params);
    next();
  };
}

/**
 * For a user route that can act for a tenant named in its JSON body (a privacy request about one of
 * an institute's clients): when the body names a well-formed tenant id, the caller must be a member
 * of that tenant, else 404 exactly as for a tenant in a path, and the forwarded context carries the
 * membership. A body naming none goes on tenant-less; the service validates the body.
 */
export function resolveBodyTenant(memberships: MembershipStore, tenantOf: (body: unknown) => string | undefined): RequestHandler {
  return async (req, _res, next) => {
    if (!req.principal) throw new AppError('unauthenticated', 'Authentication required.');
    const tenantId = tenantOf(req.body);
    if (tenantId !== undefined) req.membership = await authorizeTenantCall(memberships, req.principal, tenantId, anyMember);
    next();
  };
}
