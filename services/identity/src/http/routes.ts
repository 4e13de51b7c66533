import type { Express } from 'express';
import { requireCaller, type ServiceVerifier } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { adminRoutes } from './admin-routes';
import { internalRoutes } from './internal-routes';
import { inviteeRoutes, tenantInvitationRoutes } from './invitation-routes';
import { meRoutes } from './me-routes';
import { membersRoutes, staffRoutes } from './members-routes';
import { publicRoutes } from './public-routes';
import { supportRoutes } from './support-routes';
import { auditLogRoutes, tenantSupportRoutes } from './tenant-support-routes';

const API = '/api/v1';

/**
 * identity's routes. All but the public ones need the gateway's signed caller context; the internal
 * ones, outside /api/v1 and so never forwarded by the gateway, need another service's credential.
 */
export function mountRoutes(app: Express, deps: Deps, verifier: ServiceVerifier): void {
  app.use(internalRoutes(deps, verifier));
  app.use(API, publicRoutes(deps));
  app.use(API, inviteeRoutes(deps, verifier));
  app.use(`${API}/me`, requireCaller(verifier), meRoutes(deps));
  app.use(`${API}/admin`, requireCaller(verifier), adminRoutes(deps));
  app.use(`${API}/tenants/:tenantId/members`, requireCaller(verifier), membersRoutes(deps));
  app.use(`${API}/tenants/:tenantId/staff`, requireCaller(verifier), staffRoutes(deps));
  app.use(`${API}/tenants/:tenantId/invitations`, requireCaller(verifier), tenantInvitationRoutes(deps));
  app.use(`${API}/support`, requireCaller(verifier), supportRoutes(deps));
  app.use(`${API}/tenants/:tenantId/support-access`, requireCaller(verifier), tenantSupportRoutes(deps));
  app.use(`${API}/tenants/:tenantId/audit-log`, requireCaller(verifier), auditLogRoutes(deps));
}
