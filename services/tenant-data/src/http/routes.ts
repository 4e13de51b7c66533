import type { Express } from 'express';
import { tenantDataApi } from '@homi/contracts';
import { parseInput, requireCaller, requireModule, tenantCaller, type ServiceVerifier } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { getInstitute, updateInstitute } from '../application/institute';
import { appointmentsRoutes } from './appointments-routes';
import { clientImportsRoutes } from './client-imports-routes';
import { clientsRoutes } from './clients-routes';
import { healthRoutes } from './health-routes';
import { internalRoutes } from './internal-routes';
import { treatmentsRoutes, workingHoursRoutes } from './treatments-routes';
import { presentInstitute } from './presenters';
import { unsubscribeRoutes } from './unsubscribe-routes';

const TENANT = '/api/v1/tenants/:tenantId';

/** tenant-data's routes. Each needs the gateway's caller context, for this service and request, for the tenant in the path. */
export function mountRoutes(app: Express, deps: Deps, verifier: ServiceVerifier): void {
  app.use(internalRoutes(deps, verifier));
  // Public through the gateway (no caller): the unsubscribe link's code is the proof (ADR 53).
  app.use('/api/v1', unsubscribeRoutes(deps));
  app.use(TENANT, requireCaller(verifier));
  app.get(TENANT, async (req, res) => {
    res.json(presentInstitute(await getInstitute(deps, tenantCaller(req).tenantId)));
  });
  app.patch(TENANT, requireModule('settings', 'edit'), async (req, res) => {
    const changes = parseInput(tenantDataApi.UpdateInstitute, req.body);
    res.json(presentInstitute(await updateInstitute(deps, tenantCaller(req).tenantId, changes)));
  });
  app.use(`${TENANT}/clients`, clientsRoutes(deps));
  app.use(`${TENANT}/clients/:clientId`, healthRoutes(deps));
  app.use(`${TENANT}/client-imports`, clientImportsRoutes(deps));
  app.use(`${TENANT}/appointments`, appointmentsRoutes(deps));
  app.use(`${TENANT}/treatments`, treatmentsRoutes(deps));
  app.use(`${TENANT}/members/:userId/working-hours`, workingHoursRoutes(deps));
}
