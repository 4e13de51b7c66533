import type { Request, RequestHandler } from 'express';
import type { Logger } from '@homi/service-kit';
import type { AuditTrail } from '../application/ports';
import { recordTenantAction, type TenantAction } from '../application/record-tenant-action';
import type { ApiRoute } from './api-route';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const);
type AuditedMethod = TenantAction['method'];
const isAuditedMethod = (method: string): method is AuditedMethod => METHODS.has(method as AuditedMethod);

/** The action the tenant's audit log must show, if any: every call under a support grant, and members' sensitive ones. */
function actionOf(req: Request, route: ApiRoute): TenantAction | undefined {
  const { principal, membership, supportGrant } = req;
  if (!principal || !membership || (!supportGrant && !route.audit) || !isAuditedMethod(req.method)) return undefined;
  // Path ids were validated by the guards; only ids, never query or body values, go on the bus.
  const pathIds = Object.fromEntries(Object.keys(route.ids).map((name) => [name, String(req.params[name])]));
  return {
    tenantId: membership.tenantId,
    actor: { kind: supportGrant ? 'support' : 'member', userId: principal.userId },
    ...(supportGrant ? { supportRequestId: supportGrant.requestId } : {}),
    method: req.method,
    route: route.path,
    resourceIds: { ...(route.auditIds?.(req.body) ?? {}), ...pathIds },
  };
}

/** After the guards, before forwarding: no acknowledged audit event, no forwarding (503 `audit-unavailable`). */
export function auditTenantAction(trail: AuditTrail, logger: Logger, route: ApiRoute): RequestHandler {
  return async (req, _res, next) => {
    const action = actionOf(req, route);
    if (action) await recordTenantAction(trail, logger, action, req.requestId);
    next();
  };
}
