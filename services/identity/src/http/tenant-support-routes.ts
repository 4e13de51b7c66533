import { Router, type NextFunction, type Request, type Response } from 'express';
import { supportApi } from '@homi/contracts';
import { z } from 'zod';
import { AppError, parseInput, tenantCaller } from '@homi/service-kit';
import { approveSupportAccess, denySupportAccess, revokeSupportAccess } from '../application/decide-support-access';
import type { Deps } from '../application/deps';
import { listTenantSupportAccess } from '../application/list-support-access';
import { readAuditLog } from '../application/tenant-audit-log';
import { verifyTenantAuditLog } from '../application/verify-tenant-audit-log';
import { presentAuditEntry, presentSupportRequestOf, presentSupportRequests } from './support-presenters';
import { pathRequestId } from './support-routes';

const P = supportApi.SUPPORT_PROBLEMS;
const NO_QUERY = z.strictObject({});

/**
 * Owners and admins only, and never a support user acting under a grant: support access must not
 * be able to widen or hide itself. (Decisions re-check the owner role in their transaction.)
 */
function ownerOrAdmin(req: Request, _res: Response, next: NextFunction): void {
  const caller = tenantCaller(req);
  // `support` marks a caller the gateway let in under a grant rather than a membership.
  if ((caller as { support?: unknown }).support !== undefined) throw new AppError('forbidden', 'Support access cannot be managed under a support grant.', { type: P.supportSelfDecision });
  if (caller.role !== 'owner' && caller.role !== 'admin') {
    throw new AppError('forbidden', 'This is for the institute\'s owners and admins.', { type: P.ownerOrAdminRequired });
  }
  next();
}

/** /tenants/:tenantId/support-access — the tenant's side of support access (requireCaller runs before). */
export function tenantSupportRoutes(deps: Deps): Router {
  const router = Router({ mergeParams: true });

  router.get('/', ownerOrAdmin, async (req, res) => {
    const { tenantId } = tenantCaller(req);
    const query = parseInput(supportApi.ListTenantSupportAccessQuery, req.query, 'query');
    const page = await listTenantSupportAccess(deps, tenantId, query);
    res.json({ items: await presentSupportRequests(deps, page.items), nextCursor: page.nextCursor });
  });

  router.post('/:requestId/approve', ownerOrAdmin, async (req, res) => {
    const { tenantId, userId } = tenantCaller(req);
    const input = parseInput(supportApi.ApproveSupportAccess, req.body ?? {});
    const approved = await approveSupportAccess(deps, tenantId, userId, pathRequestId(req), input);
    await projectGrantNow(deps, approved.id);
    res.json(await presentSupportRequestOf(deps, approved));
  });

  router.post('/:requestId/deny', ownerOrAdmin, async (req, res) => {
    const { tenantId, userId } = tenantCaller(req);
    parseInput(supportApi.DecideSupportAccess, req.body ?? {});
    res.json(await presentSupportRequestOf(deps, await denySupportAccess(deps, tenantId, userId, pathRequestId(req))));
  });

  router.post('/:requestId/revoke', ownerOrAdmin, async (req, res) => {
    const { tenantId, userId } = tenantCaller(req);
    parseInput(supportApi.DecideSupportAccess, req.body ?? {});
    const revoked = await revokeSupportAccess(deps, tenantId, userId, pathRequestId(req));
    // Answered only once the grant is gone from the bucket: the support user's next call is refused.
    await projectGrantNow(deps, revoked.id);
    res.json(await presentSupportRequestOf(deps, revoked));
  });

  return router;
}

/** /tenants/:tenantId/audit-log — the tenant's hash-chained log, newest first. */
export function auditLogRoutes(deps: Deps): Router {
  const router = Router({ mergeParams: true });

  router.get('/', ownerOrAdmin, async (req, res) => {
    const { tenantId } = tenantCaller(req);
    const query = parseInput(supportApi.AuditLogQuery, req.query, 'query');
    const page = await readAuditLog(deps, tenantId, query);
    res.set('Cache-Control', 'no-store').json({ items: page.items.map(presentAuditEntry), nextCursor: page.nextCursor });
  });

  router.get('/verification', ownerOrAdmin, async (req, res) => {
    const { tenantId } = tenantCaller(req);
    parseInput(NO_QUERY, req.query, 'query');
    res.set('Cache-Control', 'no-store').json(await verifyTenantAuditLog(deps, tenantId));
  });

  return router;
}

/** The grant as committed, in the gateway's bucket now; the SupportAccessChanged event stays the guarantee. */
async function projectGrantNow(deps: Deps, supportRequestId: string): Promise<void> {
  await deps.projectNow?.({ supportRequestId }).catch((err: unknown) => deps.logger.warn({ err, supportRequestId }, 'grant not projected yet; the event will'));
}
