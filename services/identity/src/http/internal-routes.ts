import { Router } from 'express';
import { identityApi, tenantId as tenantIdSchema } from '@homi/contracts';
import { AppError, onlyServices, parseInput, requireService, type ServiceVerifier } from '@homi/service-kit';
import type { Deps } from '../application/deps';
import { followInstituteName } from '../application/follow-institute-name';
import { getInstituteDetails } from '../application/get-institute-details';
import { getMailAddress } from '../application/get-mail-address';
import { presentInstituteDetails } from './presenters';

/**
 * Routes other services call with a signed service credential (X-Homi-Service), outside /api/v1:
 * the gateway only forwards /api/v1/..., so no user reaches them through it.
 */
export function internalRoutes(deps: Deps, verifier: ServiceVerifier): Router {
  const router = Router();

  // tenant-data makes the institute's profile from it (ADR 12); the helpdesk takes the name support
  // tells institutes apart by (ADR 41).
  router.get(identityApi.identityInternalPaths.tenant(':tenantId'), requireService(verifier), onlyServices('tenant-data', 'helpdesk'), async (req, res) => {
    const tenantId = tenantIdSchema.safeParse(req.params.tenantId);
    if (!tenantId.success) throw new AppError('not_found', 'Tenant was not found', { type: identityApi.TENANT_NOT_FOUND_PROBLEM });
    const tenant = await getInstituteDetails(deps, tenantId.data);
    res.set('Cache-Control', 'no-store').json(presentInstituteDetails(tenant));
  });

  // tenant-data tells the institute's new name after its profile changed (ADR 74).
  router.put(identityApi.identityInternalPaths.tenantName(':tenantId'), requireService(verifier), onlyServices('tenant-data'), async (req, res) => {
    const tenantId = tenantIdSchema.safeParse(req.params.tenantId);
    if (!tenantId.success) throw new AppError('not_found', 'Tenant was not found', { type: identityApi.TENANT_NOT_FOUND_PROBLEM });
    const { name } = parseInput(identityApi.InstituteName, req.body);
    await followInstituteName(deps, tenantId.data, name);
    res.status(204).end();
  });

  // The helpdesk mails a member that support replied on their ticket (ADR 43); privacy tells a
  // requester that their request was extended or completed (ADR 51): only the address.
  router.get(identityApi.identityInternalPaths.mailAddress(':userId'), requireService(verifier), onlyServices('helpdesk', 'privacy'), async (req, res) => {
    const userId = String(req.params.userId ?? '');
    res.set('Cache-Control', 'no-store').json(await getMailAddress(deps, userId));
  });

  return router;
}
