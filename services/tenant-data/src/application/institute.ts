import { InstituteUpdated, type tenantDataApi } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import { notFound } from '@homi/service-kit';
import type { Institute } from '../domain/institute';
import { InstituteRepository } from '../infrastructure/institute-repository';
import type { Deps } from './deps';

/** The tenant's institute profile, or not_found while the tenant's creation is still under way. */
export async function getInstitute(deps: Deps, tenantId: string): Promise<Institute> {
  const institute = await deps.scope.run(tenantId, (em) => new InstituteRepository(em).get(tenantId));
  if (!institute) throw notFound('Institute');
  return institute;
}

/** Changes the institute profile. */
export async function updateInstitute(deps: Deps, tenantId: string, changes: tenantDataApi.UpdateInstitute): Promise<Institute> {
  return deps.scope.run(tenantId, async (em) => {
    const institute = await new InstituteRepository(em).get(tenantId);
    if (!institute) throw notFound('Institute');
    for (const key of ['name', 'kvkNumber', 'address', 'phone', 'email'] as const) {
      const value = changes[key];
      if (value !== undefined) (institute as unknown as Record<string, unknown>)[key] = value;
    }
    institute.updatedAt = deps.clock();
    enqueue(em, InstituteUpdated, { tenantId, occurredAt: institute.updatedAt.toISOString() });
    return institute;
  });
}
