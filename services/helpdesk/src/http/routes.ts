import type { Express } from 'express';
import { requireCaller, type ServiceVerifier } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { internalRoutes } from './internal-routes';
import { supportTicketRoutes } from './support-routes';
import { tenantTicketRoutes } from './tenant-routes';

const API = '/api/v1';

/** The helpdesk's routes. Each needs the gateway's signed caller context (tenant routes for the tenant in the path), the internal ones a service's. */
export function mountRoutes(app: Express, deps: Deps, verifier: ServiceVerifier): void {
  app.use(`${API}/tenants/:tenantId/tickets`, requireCaller(verifier), tenantTicketRoutes(deps));
  app.use(`${API}/support/tickets`, requireCaller(verifier), supportTicketRoutes(deps));
  app.use(internalRoutes(deps, verifier));
}
