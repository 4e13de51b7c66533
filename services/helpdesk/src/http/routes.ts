import type { Express } from 'express';
import { requireCaller } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { supportTicketRoutes } from './support-routes';
import { tenantTicketRoutes } from './tenant-routes';

const API = '/api/v1';

/** The helpdesk's routes. Each needs the gateway's signed caller context; tenant routes for the tenant in the path. */
export function mountRoutes(app: Express, deps: Deps, internalSecret: string): void {
  app.use(`${API}/tenants/:tenantId/tickets`, requireCaller(internalSecret), tenantTicketRoutes(deps));
  app.use(`${API}/support/tickets`, requireCaller(internalSecret), supportTicketRoutes(deps));
}
