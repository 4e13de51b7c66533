import { pipeline } from 'node:stream/promises';
import { Router, type Request } from 'express';
import { pathId, requireCaller, type Logger, type ServiceVerifier } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { listInstituteExports, openInstituteExport, startInstituteExport } from '../application/institute-exports';
import { presentInstituteExport } from './presenters';
import { zipPackage } from './zip-package';

const tenantId = (req: Request): string => pathId(req, 'tenantId', 'ten', 'Tenant');
const exportId = (req: Request): string => pathId(req, 'exportId', 'dsr', 'Export');

/**
 * /api/v1/tenants/:tenantId/exports — the institute's export of everything it holds (ADR 54), for its
 * owners: start one, follow them, download the zip. Each route verifies the signed caller context.
 */
export function instituteExportsRoutes(deps: Deps, logger: Logger, verifier: ServiceVerifier): Router {
  const router = Router();
  const caller = requireCaller(verifier);
  const base = '/tenants/:tenantId/exports';

  router.post(base, caller, async (req, res) => {
    const id = tenantId(req);
    const started = await startInstituteExport(deps, req.caller, id);
    const [view] = (await listInstituteExports(deps, req.caller, id)).filter((v) => v.request.id === started.id);
    res.status(202).location(`${req.baseUrl}/tenants/${id}/exports/${started.id}`).set('Cache-Control', 'no-store');
    res.json(view ? presentInstituteExport(view) : { id: started.id, status: started.status });
  });

  router.get(base, caller, async (req, res) => {
    const views = await listInstituteExports(deps, req.caller, tenantId(req));
    res.set('Cache-Control', 'no-store').json({ items: views.map(presentInstituteExport) });
  });

  router.get(`${base}/:exportId`, caller, async (req, res) => {
    const { filename, madeAt, entries } = await openInstituteExport(deps, req.caller, tenantId(req), exportId(req));
    const stream = zipPackage(entries, madeAt);
    res.status(200).set({ 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' });
    await pipeline(stream, res).catch((err: unknown) => logger.warn({ err, requestId: req.requestId }, 'institute export download broke off'));
  });

  return router;
}
