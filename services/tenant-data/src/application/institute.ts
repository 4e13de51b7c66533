import { InstituteUpdated, type tenantDataApi } from '@homi/contracts';
import { notFound } from '@homi/service-kit';
import type { Institute } from '../domain/institute';
import type { Deps } from './deps';

/** The tenant's institute profile, or not_found while the tenant's creation is still under way. */
export async function getInstitute(deps: Deps, tenantId: string): Promise<Institute> {
  const institute = await deps.uow.forTenant(tenantId, ({ institutes }) => institutes.get(tenantId));
  if (!institute) throw notFound('Institute');
  return institute;
}

/** Changes the institute profile; a new reminder lead time moves every reminder not sent yet (ADR 53). */
export async function updateInstitute(deps: Deps, tenantId: string, changes: tenantDataApi.UpdateInstitute): Promise<Institute> {
  return deps.uow.forTenant(tenantId, async ({ institutes, notices, events }) => {
    const institute = await institutes.get(tenantId);
    if (!institute) throw notFound('Institute');
    for (const key of ['name', 'kvkNumber', 'address', 'phone', 'email'] as const) {
      const value = changes[key];
      if (value !== undefined) (institute as unknown as Record<string, unknown>)[key] = value;
    }
    if (changes.reminderLeadHours !== undefined && changes.reminderLeadHours !== institute.reminderLeadHours) {
      institute.reminderLeadHours = changes.reminderLeadHours;
      await notices.rescheduleReminders(tenantId, institute.reminderLeadHours);
    }
    institute.updatedAt = deps.clock();
    events.publish(InstituteUpdated, { tenantId, occurredAt: institute.updatedAt.toISOString() });
    return institute;
  });
}

/**
 * After the profile changed: tells identity the institute's name as it is now (ADR 74), read afresh
 * rather than taken from the event, so identity ends on the latest name whatever order changes are
 * told in. The read is a transaction of its own, finished before the HTTP call: the call holds no
 * lock on the profile (only the consumer's inbox row for its message waits). Throws when identity
 * cannot answer now, so the event is retried.
 */
export async function shareInstituteName(deps: Deps, tenantId: string): Promise<'shared' | 'no-profile' | 'tenant-gone'> {
  const institute = await deps.uow.forTenant(tenantId, ({ institutes }) => institutes.get(tenantId));
  if (!institute) return 'no-profile';
  return (await deps.institutes.shareName(tenantId, institute.name)) ? 'shared' : 'tenant-gone';
}
