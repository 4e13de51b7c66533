import { Router, type RequestHandler } from 'express';
import { usageApi } from '@homi/contracts';
import { forbidden, parseInput, requireCaller, requireModule, tenantCaller } from '@homi/service-kit';
import type { UsageDeps } from '../application/deps';
import { isOperator } from '../domain/access';
import { readTenantUsage, TENANT_USAGE_MODULE } from '../application/read-tenant-usage';
import { readUsageStatistics } from '../application/read-usage-statistics';

/**
 * Under /api/v1, as the gateway forwards them: the statistics for HOMi's operators and each
 * institute's own usage. Each route verifies the signed caller context itself, so other paths
 * under /api/v1 stay unknown (404) rather than unauthenticated.
 */
export function usageRoutes(deps: UsageDeps, internalSecret: string): Router {
  const router = Router();
  const caller = requireCaller(internalSecret);
  // Who may ask is settled before what is asked is looked at.
  const operatorOnly: RequestHandler = (req, _res, next) => (isOperator(req.caller) ? next() : next(forbidden('This needs the realm role operator.', 'realm-role-required')));

  router.get('/admin/usage', caller, operatorOnly, async (req, res) => {
    const query = parseInput(usageApi.UsageQuery, req.query, 'query');
    res.set('Cache-Control', 'no-store').json(await readUsageStatistics(deps, req.caller, query));
  });

  router.get('/tenants/:tenantId/usage', caller, requireModule(TENANT_USAGE_MODULE, 'view'), async (req, res) => {
    const query = parseInput(usageApi.UsageQuery, req.query, 'query');
    res.set('Cache-Control', 'no-store').json(await readTenantUsage(deps, tenantCaller(req), query));
  });

  return router;
}
