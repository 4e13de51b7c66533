import { Router, type Request } from 'express';
import { tenantDataApi, userId as userIdSchema } from '@homi/contracts';
import { notFound, parseInput, pathId, requireModule, tenantCaller } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { createTreatment, deactivateTreatment, listTreatments, updateTreatment } from '../application/treatments';
import { getWorkingHours, putWorkingHours } from '../application/working-hours';
import { presentTreatment } from './presenters';

/** /tenants/:tenantId/treatments — what the institute offers; listed for the agenda, managed in the settings. */
export function treatmentsRoutes(deps: Deps): Router {
  const router = Router({ mergeParams: true });
  const view = requireModule('agenda', 'view');
  const edit = requireModule('settings', 'edit');
  const tenantOf = (req: Request) => tenantCaller(req).tenantId;
  const id = (req: Request) => pathId(req, 'treatmentId', 'trt', 'Treatment');

  router.get('/', view, async (req, res) => {
    res.json({ items: (await listTreatments(deps, tenantOf(req))).map(presentTreatment) });
  });
  router.post('/', edit, async (req, res) => {
    const treatment = await createTreatment(deps, tenantOf(req), parseInput(tenantDataApi.CreateTreatment, req.body));
    res.status(201).location(`${req.baseUrl}/${treatment.id}`).json(presentTreatment(treatment));
  });
  router.patch('/:treatmentId', edit, async (req, res) => {
    const treatmentId = id(req);
    const changes = parseInput(tenantDataApi.UpdateTreatment, req.body);
    res.json(presentTreatment(await updateTreatment(deps, tenantOf(req), treatmentId, changes)));
  });
  // Deactivates: appointments keep referring to it, and it can be activated again with PATCH.
  router.delete('/:treatmentId', edit, async (req, res) => {
    await deactivateTreatment(deps, tenantOf(req), id(req));
    res.status(204).end();
  });
  return router;
}

/** /tenants/:tenantId/members/:userId/working-hours — when a staff member can be booked. */
export function workingHoursRoutes(deps: Deps): Router {
  const router = Router({ mergeParams: true });
  const userId = (req: Request) => {
    const parsed = userIdSchema.safeParse(req.params.userId);
    if (!parsed.success) throw notFound('Member');
    return parsed.data;
  };
  router.get('/', requireModule('agenda', 'view'), async (req, res) => {
    res.json(await getWorkingHours(deps, tenantCaller(req).tenantId, userId(req)));
  });
  router.put('/', requireModule('settings', 'edit'), async (req, res) => {
    const member = userId(req);
    const input = parseInput(tenantDataApi.WorkingHours, req.body);
    res.json(await putWorkingHours(deps, tenantCaller(req).tenantId, member, input));
  });
  return router;
}
