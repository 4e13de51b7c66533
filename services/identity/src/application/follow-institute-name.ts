import { AppError } from '@homi/service-kit';
import { identityApi, TenantRenamed } from '@homi/contracts';
import type { Deps } from './deps';

/**
 * The institute's name as tenant-data's profile now holds it (ADR 74): the profile is where an
 * institute changes it, and identity shows it to its members (/me, the institute switcher) and to
 * those it invites. A new name is announced (TenantRenamed, with the write) so that the helpdesk's
 * copy follows. Idempotent: the same name again changes nothing and announces nothing. Read and written in the
 * tenant's own scope; a tenant identity no longer knows (erased) is not_found with its own problem
 * type, which tells tenant-data there is nobody left to tell.
 */
export async function followInstituteName(deps: Pick<Deps, 'uow' | 'clock'>, tenantId: string, name: string): Promise<'renamed' | 'unchanged'> {
  const outcome = await deps.uow.forTenant(tenantId, async ({ tenants, events }) => {
    const tenant = await tenants.get(tenantId);
    if (!tenant) return 'gone' as const;
    if (tenant.instituteName === name) return 'unchanged' as const;
    tenant.instituteName = name;
    events.publish(TenantRenamed, { tenantId, occurredAt: deps.clock().toISOString() });
    return 'renamed' as const;
  });
  if (outcome === 'gone') throw new AppError('not_found', 'Tenant was not found', { type: identityApi.TENANT_NOT_FOUND_PROBLEM });
  return outcome;
}
