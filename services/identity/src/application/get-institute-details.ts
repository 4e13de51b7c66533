import { AppError } from '@homi/service-kit';
import { identityApi } from '@homi/contracts';
import type { Tenant } from '../domain/tenant';
import type { Deps } from './deps';

/**
 * The institute details given at sign-up, for tenant-data's profile (ADR 12). Read in the tenant's
 * own scope, so row-level security shows no other tenant; an unknown or erased tenant is not_found
 * with its own problem type, which tells tenant-data to give up rather than retry.
 */
export async function getInstituteDetails(deps: Pick<Deps, 'uow'>, tenantId: string): Promise<Tenant> {
  const tenant = await deps.uow.forTenant(tenantId, ({ tenants }) => tenants.get(tenantId));
  if (!tenant) throw new AppError('not_found', 'Tenant was not found', { type: identityApi.TENANT_NOT_FOUND_PROBLEM });
  return tenant;
}
