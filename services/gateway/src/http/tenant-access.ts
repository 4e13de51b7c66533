import type { RequestHandler } from 'express';
import type { Membership } from '@homi/contracts';
import { AppError } from '@homi/service-kit';
import { authorizeTenantCall } from '../application/authorize-tenant-call';
import type { MembershipStore } from '../application/ports';
import type { TenantRoute } from './route-table';

declare module 'express-serve-static-core' {
  interface Request {
    /** The caller's membership of the tenant in the path, once authorised. */
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
    for (const [param, id] of Object.entries(route.ids)) {
      if (!id.accepts(String(req.params[param]))) throw new AppError('not_found', `${id.label} was not found`);
    }
    next();
  };
}
