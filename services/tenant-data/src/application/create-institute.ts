import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Institute } from '../domain/institute';
import type { Deps } from './deps';

export type CreateInstituteOutcome = 'created' | 'exists' | 'tenant-gone';

/**
 * Creates the institute profile of a tenant identity announced, with the details identity holds.
 * A repeated announcement changes nothing and asks identity nothing; a tenant identity no longer
 * knows gets no profile. If identity cannot answer, this throws and the announcement is retried.
 */
export async function createInstitute(deps: Deps, tenantId: string): Promise<CreateInstituteOutcome> {
  const exists = () => deps.uow.forTenant(tenantId, async ({ institutes }) => (await institutes.get(tenantId)) !== null);
  if (await exists()) return 'exists';
  const details = await deps.institutes.details(tenantId);
  if (!details) return 'tenant-gone';
  try {
    return await deps.uow.forTenant(tenantId, async ({ institutes }) => {
      if (await institutes.get(tenantId)) return 'exists';
      const institute = new Institute(tenantId, details.name, deps.clock());
      institute.kvkNumber = details.kvkNumber;
      institute.address = details.address;
      institute.phone = details.phone;
      institutes.add(institute);
      return 'created';
    });
  } catch (err) {
    // Another delivery for the same tenant inserted it between our read and our insert.
    if (err instanceof UniqueConstraintViolationException && (await exists())) return 'exists';
    throw err;
  }
}
