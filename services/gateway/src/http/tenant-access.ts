import type { RequestHandler } from 'express';
import type { Membership, SupportGrant } from '@homi/contracts';
import { AppError, isId } from '@homi/service-kit';
import { authorizeSupportCall, SUPPORT_ROLE, type SupportAccess, type SupportAccessDeps, type SupportCall } from '../application/authorize-support-call';
import { authorizeTenantCall } from '../application/authorize-tenant-call';
import { assertStatementAccepted } from '../application/check-user-gates';
import type { MembershipStore, UserAccessStore } from '../application/ports';
import { anyMember } from '../domain/access';
import type { Principal } from '../domain/principal';
import { neverForSupport, type SupportRule } from '../domain/support-access';
import { assertPathIds } from './path-ids';
import { supportRuleOf, type ApiRoute, type TenantRoute } from './api-route';
import { supportCallOf } from './support-call';

declare module 'express-serve-static-core' {
  interface Request {
    /** The caller's membership of the tenant in the path (or named in the body), once authorised; a support user's is the grant's. */
    membership?: Membership;
    /** The grant a support user calls under; set only for a support user who is not a member of the tenant. */
    supportGrant?: SupportGrant;
    /** Every membership the caller holds, on routes that attach them to the caller context. */
    memberships?: Membership[];
  }
}

export interface TenantAccessDeps {
  memberships: MembershipStore;
  users: UserAccessStore;
  support: SupportAccessDeps;
}

const principalOf = (principal: Principal | undefined): Principal => {
  if (!principal) throw new AppError('unauthenticated', 'Authentication required.');
  return principal;
};

/**
 * A support user who is not a member of the tenant gets in only under a grant (and is not asked to
 * accept the customers' privacy statement: HOMi staff are bound by their employment, ADR 21);
 * undefined for everyone else, who goes the member's way. A refusal is reported for the tenant's log.
 */
async function asSupport(
  deps: TenantAccessDeps, principal: Principal, tenantId: string, rule: SupportRule, call: SupportCall | undefined,
): Promise<SupportAccess | undefined> {
  if (!principal.roles.includes(SUPPORT_ROLE) || !isId(tenantId, 'ten')) return undefined;
  if (await deps.memberships.get(principal.userId, tenantId)) return undefined;
  return authorizeSupportCall(deps.support, principal, tenantId, rule, call);
}

/**
 * Admits the request only for a member of the path's tenant holding the route's rule (with the
 * current privacy statement accepted), or for a support user under a grant covering it; then checks
 * the other path ids: a malformed id names nothing, so it is a 404 like any unknown one.
 */
export function requireTenantAccess(deps: TenantAccessDeps, route: TenantRoute): RequestHandler {
  const supportRule = supportRuleOf(route.audience);
  return async (req, _res, next) => {
    const principal = principalOf(req.principal);
    const tenantId = String(req.params.tenantId);
    const support = await asSupport(deps, principal, tenantId, supportRule, supportCallOf(req, route));
    if (support) {
      req.membership = support.membership;
      req.supportGrant = support.grant;
    } else {
      await assertStatementAccepted(deps.users, principal);
      req.membership = await authorizeTenantCall(deps.memberships, principal, tenantId, route.audience.access);
    }
    assertPathIds(route.ids, req.params);
    next();
  };
}

/**
 * For a user route that can act for a tenant named in its JSON body (a privacy request about one of
 * an institute's clients): when the body names a well-formed tenant id, the caller must be a member
 * of that tenant, else 404 exactly as for a tenant in a path, and the forwarded context carries the
 * membership. A support user who is not a member is refused (never through a grant). A body naming
 * none goes on tenant-less; the service validates the body.
 */
export function resolveBodyTenant(deps: TenantAccessDeps, route: ApiRoute, tenantOf: (body: unknown) => string | undefined): RequestHandler {
  return async (req, _res, next) => {
    const principal = principalOf(req.principal);
    const tenantId = tenantOf(req.body);
    if (tenantId !== undefined) {
      await asSupport(deps, principal, tenantId, neverForSupport, supportCallOf(req, route));
      req.membership = await authorizeTenantCall(deps.memberships, principal, tenantId, anyMember);
    }
    next();
  };
}

/** For a user route with `memberships: 'attached'`: the caller's current memberships go into the caller context. */
export function attachMemberships(memberships: MembershipStore): RequestHandler {
  return async (req, _res, next) => {
    req.memberships = await memberships.ofUser(principalOf(req.principal).userId);
    next();
  };
}
