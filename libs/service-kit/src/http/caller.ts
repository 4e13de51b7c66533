import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { AccessLevel, Module, Permissions, Role } from '@homi/contracts';
import { AppError, unauthenticated } from '../errors';

/**
 * Who is calling, as the gateway established it: the verified user, the tenant in the path and
 * what the user may do there. The gateway signs it (HMAC-SHA256, short expiry) so a service
 * reached without the gateway, or with a forged header, refuses the call.
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

const mac = (payload: string, secret: string) => createHmac('sha256', secret).update(payload).digest('base64url');

export function signCaller(ctx: Omit<CallerContextInput, 'exp'>, secret: string, ttlSeconds = 60, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ ...ctx, exp: Math.floor(now / 1000) + ttlSeconds })).toString('base64url');
  return `${payload}.${mac(payload, secret)}`;
}

export function verifyCaller(header: string | undefined, secret: string, now = Date.now()): CallerContext {
  const [payload, signature, extra] = (header ?? '').split('.');
  if (!payload || !signature || extra !== undefined) throw unauthenticated('Missing caller context.');
  const expected = Buffer.from(mac(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw unauthenticated('Invalid caller context.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw unauthenticated('Invalid caller context.');
  }
  const result = CallerContext.safeParse(parsed);
  if (!result.success || result.data.exp * 1000 < now) throw unauthenticated('Expired or invalid caller context.');
  return result.data;
}

/**
 * Requires a valid signed caller context. On a route with `:tenantId` the context must be for
 * that tenant and carry a membership; anything else answers not_found, as for an unknown tenant.
 */
export function requireCaller(secret: string) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    req.caller = verifyCaller(req.header(CALLER_HEADER), secret);
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
