import type { Express } from 'express';
import { requireCaller } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { adminRoutes } from './admin-routes';
import { internalRoutes } from './internal-routes';
import { inviteeRoutes, tenantInvitationRoutes } from './invitation-routes';
import { meRoutes } from './me-routes';
import { membersRoutes } from './members-routes';
import { publicRoutes } from './public-routes';
import { supportRoutes } from './support-routes';
import { auditLogRoutes, tenantSupportRoutes } from './tenant-support-routes';

const API = '/api/v1';

/**
 * identity's routes. All but the public ones need the gateway's signed caller context; the internal
 * ones, outside /api/v1 and so never forwarded by the gateway, need another service's credential.
 */
export function mountRoutes(app: Express, deps: Deps, internalSecret: string): void {
  app.use(internalRoutes(deps, internalSecret));
  app.use(API, publicRoutes(deps));
  app.use(API, inviteeRoutes(deps, internalSecret));
  app.use(`${API}/me`, requireCaller(internalSecret), meRoutes(deps));
  app.use(`${API}/admin`, requireCaller(internalSecret), adminRoutes(deps));
  app.use(`${API}/tenants/:tenantId/members`, requireCaller(internalSecret), membersRoutes(deps));
  app.use(`${API}/tenants/:tenantId/invitations`, requireCaller(internalSecret), tenantInvitationRoutes(deps));
  app.use(`${API}/support`, requireCaller(internalSecret), supportRoutes(deps));
  app.use(`${API}/tenants/:tenantId/support-access`, requireCaller(internalSecret), tenantSupportRoutes(deps));
  app.use(`${API}/tenants/:tenantId/audit-log`, requireCaller(internalSecret), auditLogRoutes(deps));
}
