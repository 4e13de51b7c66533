import { AppError } from '@homi/service-kit';
import { identityApi } from '@homi/contracts';
import type { Deps } from './deps';

/**
 * The institute's name as tenant-data's profile now holds it (ADR 74): the profile is where an
 * institute changes it, and identity shows it to its members (/me, the institute switcher) and to
 * those it invites. Idempotent: the same name again changes nothing. Read and written in the
 * tenant's own scope; a tenant identity no longer knows (erased) is not_found with its own problem
 * type, which tells tenant-data there is nobody left to tell.
 */
export async function followInstituteName(deps: Pick<Deps, 'uow'>, tenantId: string, name: string): Promise<'renamed' | 'unchanged'> {
  const outcome = await deps.uow.forTenant(tenantId, async ({ tenants }) => {
    const tenant = await tenants.get(tenantId);
    if (!tenant) return 'gone' as const;
    if (tenant.instituteName === name) return 'unchanged' as const;
    tenant.instituteName = name;
    return 'renamed' as const;
  });
  if (outcome === 'gone') throw new AppError('not_found', 'Tenant was not found', { type: identityApi.TENANT_NOT_FOUND_PROBLEM });
  return outcome;
}
