import { identityApi } from '@homi/contracts';
import { getFromService, PROBLEM_TYPE_BASE, problemTypeOf, type ServiceEndpoint } from '@homi/service-kit';
import type { InstituteDirectory } from '../application/ports';

/**
 * An institute's name from identity's internal institute-details route (the one tenant-data reads at
 * sign-up, ADR 12), asked with the helpdesk's service credential. Only identity's own "tenant not
 * found" means unknown; anything else throws, and the caller asks again another time. The answer is
 * personal data: errors name the status only.
 */
export class IdentityInstituteDirectory implements InstituteDirectory {
  constructor(private readonly endpoint: ServiceEndpoint) {}

  async nameOf(tenantId: string): Promise<string | undefined> {
    const res = await getFromService(this.endpoint, 'identity', identityApi.identityInternalPaths.tenant(tenantId));
    if (res.status === 404 && problemTypeOf(res.body) === PROBLEM_TYPE_BASE + identityApi.TENANT_NOT_FOUND_PROBLEM) return undefined;
    if (!res.ok) throw new Error(`identity did not give the institute's name: HTTP ${res.status}`);
    const details = identityApi.InstituteDetails.safeParse(res.body);
    if (!details.success || details.data.tenantId !== tenantId) throw new Error('identity answered institute details of an unexpected shape');
    return details.data.name;
  }
}
