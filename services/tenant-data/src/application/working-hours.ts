import type { tenantDataApi } from '@homi/contracts';
import { notFound } from '@homi/service-kit';
import { StaffWorkingHours } from '../domain/working-hours';
import type { Deps } from './deps';

const memberNotFound = () => notFound('Member');

/** A member's working hours; no periods when none were set. 404 for a user who is no member of the institute. */
export async function getWorkingHours(deps: Deps, tenantId: string, userId: string): Promise<tenantDataApi.WorkingHours> {
  if (!(await deps.members.roleOf(tenantId, userId))) throw memberNotFound();
  const hours = await deps.uow.forTenant(tenantId, ({ workingHours }) => workingHours.get(tenantId, userId));
  return { periods: hours?.periods ?? [] };
}

/** Replaces a member's working hours, ordered by weekday and start. */
export async function putWorkingHours(deps: Deps, tenantId: string, userId: string, input: tenantDataApi.WorkingHours): Promise<tenantDataApi.WorkingHours> {
  if (!(await deps.members.roleOf(tenantId, userId))) throw memberNotFound();
  const periods = [...input.periods].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
  return deps.uow.forTenant(tenantId, async ({ workingHours }) => {
    const now = deps.clock();
    const hours = await workingHours.get(tenantId, userId);
    if (hours) {
      hours.periods = periods;
      hours.updatedAt = now;
    } else {
      workingHours.add(new StaffWorkingHours(tenantId, userId, periods, now));
    }
    return { periods };
  });
}
