import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { AccessLevel, Module, Permissions, Role } from '@homi/contracts';
import { AppError, unauthenticated } from '../errors';
import type { ServiceKeys } from '../service-keys';
import { mintServiceToken, type ServiceTarget, type ServiceVerifier } from './service-token';

/**
 * Who is calling, as the gateway established it: the verified user, the tenant in the path and
 * what the user may do there. The gateway sends it as the `ctx` claim of a service credential
 * (ADR 38) for the one request it forwards, so a service reached without the gateway, with a
 * forged header, or with one captured on a request to another service or route, refuses the call.
 */
export const CallerContext = z.strictObject({
  userId: z.string(),
  /** Realm roles from the token (`support`, `operator`). */
  realmRoles: z.array(z.string()).default([]),
  /** Present on tenant routes only: the tenant in the path and the caller's membership of it. */
  tenantId: z.string().optional(),
  role: Role.optional(),
  permissions: Permissions.optional(),
  requestId: z.string().optional(),
  /**
   * Present when a HOMi support user calls under a grant a tenant owner approved (not a membership):
   * `role` is then `staff` and `permissions` are the grant's. Services may refuse such callers.
   */
  support: z.strictObject({ requestId: z.string() }).optional(),
  /**
   * On routes whose service finds the tenant only in what it holds (a privacy request about an
   * institute's client): every membership the caller holds now, by tenant id, so that the service
   * judges the caller's current rights there, not those they had when they made the request.
   */
  memberships: z.record(z.string(), z.strictObject({ role: Role, permissions: Permissions })).optional(),
  exp: z.number().int(),
});
export type CallerContext = z.infer<typeof CallerContext>;
export type CallerContextInput = z.input<typeof CallerContext>;

/** The caller on a tenant route: tenant, role and permissions are known. */
export type TenantCaller = CallerContext & Required<Pick<CallerContext, 'tenantId' | 'role' | 'permissions'>>;

export const CALLER_HEADER = 'x-homi-caller';
const LEVEL_RANK: Record<AccessLevel, number> = { none: 0, view: 1, edit: 2 };

declare module 'express-serve-static-core' {
  interface Request {
    caller: CallerContext;
  }
}

/** Only the gateway establishes who a user is; a caller context from any other issuer is refused. */
export const CALLER_ISSUER = 'gateway';

/** The gateway's credential for one forwarded request to `target`, carrying the caller context. */
export function signCaller(ctx: Omit<CallerContextInput, 'exp'>, keys: Pick<ServiceKeys, 'service' | 'signing'>, target: ServiceTarget, ttlSeconds?: number, now?: number): string {
  return mintServiceToken(keys, target, { claims: { ctx }, ttlSeconds, now });
}

/** The caller context of a credential the gateway issued for this service and this request. */
export async function verifyCaller(header: string | undefined, verifier: ServiceVerifier, request: { method: string; path: string }, now?: number): Promise<CallerContext> {
  if (!header) throw unauthenticated('Missing caller context.');
  const { payload } = await verifier.verify(header, { ...request, issuers: [CALLER_ISSUER] }, now);
  const result = CallerContext.safeParse({ ...(payload.ctx as object), exp: payload.exp });
  if (typeof payload.ctx !== 'object' || !result.success) throw unauthenticated('Invalid caller context.');
  return result.data;
}

/**
 * Requires a valid caller context for this request. On a route with `:tenantId` the context must be
 * for that tenant and carry a membership; anything else answers not_found, as for an unknown tenant.
 */
export function requireCaller(verifier: ServiceVerifier) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    req.caller = await verifyCaller(req.header(CALLER_HEADER), verifier, { method: req.method, path: req.originalUrl });
    const tenantId = req.params.tenantId;
    if (tenantId !== undefined && (tenantId !== req.caller.tenantId || !req.caller.permissions || !req.caller.role)) {
      throw new AppError('not_found', 'Tenant was not found');
    }
    next();
  };
}

/** The caller of a tenant route; requireCaller on a `:tenantId` path guarantees the fields. */
export function tenantCaller(req: Request): TenantCaller {
  const c = req.caller;
  if (!c.tenantId || !c.role || !c.permissions) throw new AppError('not_found', 'Tenant was not found');
  return c as TenantCaller;
}

/** The caller's current role and permissions in a tenant: from the tenant route's context or the attached memberships. */
export function membershipIn(ctx: Pick<CallerContext, 'tenantId' | 'role' | 'permissions' | 'memberships'>, tenantId: string): { role: Role; permissions: Permissions } | undefined {
  if (ctx.tenantId === tenantId && ctx.role && ctx.permissions) return { role: ctx.role, permissions: ctx.permissions };
  return ctx.memberships?.[tenantId];
}

export function hasAccess(ctx: Pick<CallerContext, 'permissions'>, module: Module, level: AccessLevel): boolean {
  return ctx.permissions !== undefined && LEVEL_RANK[ctx.permissions[module]] >= LEVEL_RANK[level];
}

/** Refuses the route unless the caller holds at least `level` on `module`. */
export function requireModule(module: Module, level: Exclude<AccessLevel, 'none'>) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!hasAccess(req.caller, module, level)) {
      throw new AppError('forbidden', `This needs ${module}:${level}.`, { type: 'module-permission-required' });
    }
    next();
  };
}
