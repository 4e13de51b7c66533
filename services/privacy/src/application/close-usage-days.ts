import { dayNumber, lastClosedDay } from '../domain/usage-day';
import type { UsageDeps } from './deps';
import { USAGE_WORK } from './record-usage';

export interface CloseSummary {
  closed: string[];
  digestsDeleted: number;
}

/**
 * Closes every day whose grace period has passed: its key and its tenant digests are destroyed, so
 * nothing left can tell which tenants were active; its statistics become servable. Counts nothing,
 * so running it twice, or on two replicas at once (each day under its own lock), changes nothing
 * more. It never deletes a tenant's own counts: only the `tenant-usage` retention job does, which
 * reports what it purged (ADR 20).
 */
export async function closeUsageDays(deps: Pick<UsageDeps, 'uow' | 'clock' | 'settings'>): Promise<CloseSummary> {
  const now = deps.clock();
  const summary: CloseSummary = { closed: [], digestsDeleted: 0 };
  const through = lastClosedDay(now, deps.settings.closeGraceMs);
  for (const day of await deps.uow.acrossTenants(USAGE_WORK, ({ usage }) => usage.daysToClose(through))) {
    await deps.uow.acrossTenants(USAGE_WORK, async ({ usage }) => {
      await usage.lockDay(dayNumber(day));
      const { closed, digests } = await usage.closeDay(day, now);
      if (closed) summary.closed.push(day);
      summary.digestsDeleted += digests;
    });
  }
  return summary;
}
