import type { UsageModule } from '@homi/contracts';
import { addDays, dayNumber, isClosed, utcDay } from '../domain/usage-day';
import { tenantDigest } from '../domain/usage-tenant-digest';
import type { UsageDeps } from './deps';
import type { Repositories, UsageRepository } from './ports';

/** Why the usage statistics' work crosses tenants: one day's counts are many institutes'. */
export const USAGE_WORK = 'usage statistics count every institute\'s events together';

export interface UsageIncrement {
  day: string;
  tenantId: string;
  module: UsageModule;
  actions: number;
  requests: number;
}

/**
 * Adds counts, in the caller's unit of work (the subscriber's, over its inbox transaction), to the anonymous statistics and to each
 * tenant's own usage. While a day is open each tenant counts once per module among its active
 * tenants; after it closed, counts still add up but no tenant is recognised any more. The
 * statistics never receive an identifier; an erased tenant's own counts are not kept again.
 */
export async function recordUsage(
  { usage: store, tenancy }: Pick<Repositories, 'usage' | 'tenancy'>,
  deps: Pick<UsageDeps, 'clock' | 'randomKey' | 'settings'>,
  increments: readonly UsageIncrement[],
): Promise<void> {
  // One batch counts many institutes: it says it crosses tenants (ADR 4).
  await tenancy.acrossTenants(USAGE_WORK);
  const now = deps.clock();
  const merged = merge(increments);
  // Locks in ascending day order, so two transactions over the same days never wait on each other in a circle.
  const days = [...new Set(merged.map((i) => i.day))].sort();
  const keys = new Map<string, Buffer | null>();
  for (const day of days) {
    await store.lockDay(dayNumber(day));
    keys.set(day, await openKey(store, deps, day, now));
  }
  const erased = new Map<string, boolean>();
  for (const inc of merged) {
    const key = keys.get(inc.day) ?? null;
    const newTenant = key ? await store.addDigest(inc.day, inc.module, tenantDigest(key, inc.module, inc.tenantId)) : false;
    await store.addToStatistics(inc.day, inc.module, newTenant ? 1 : 0, inc);
    if (!erased.has(inc.tenantId)) erased.set(inc.tenantId, await store.isErasedTenant(inc.tenantId));
    if (!erased.get(inc.tenantId)) await store.addToTenantUsage(inc.tenantId, inc.day, inc.module, inc);
  }
}

/** The day's key while the day is open; made on the day's first count. Null once it has closed. */
async function openKey(store: UsageRepository, deps: Pick<UsageDeps, 'randomKey' | 'settings'>, day: string, now: Date): Promise<Buffer | null> {
  // A day far ahead (a skewed clock) is never opened: no digest may outlive its day by more than the grace.
  if (isClosed(day, now, deps.settings.closeGraceMs) || day > addDays(utcDay(now), 1)) return null;
  let key = await store.dayKey(day);
  if (!key) {
    await store.createDayKey(day, deps.randomKey(), now);
    key = await store.dayKey(day);
  }
  return key?.secret ?? null;
}

function merge(increments: readonly UsageIncrement[]): UsageIncrement[] {
  const byKey = new Map<string, UsageIncrement>();
  for (const inc of increments) {
    const k = `${inc.day} ${inc.module} ${inc.tenantId}`;
    const seen = byKey.get(k);
    if (seen) {
      seen.actions += inc.actions;
      seen.requests += inc.requests;
    } else {
      byKey.set(k, { ...inc });
    }
  }
  return [...byKey.values()].sort((a, b) => (a.day === b.day ? (a.module === b.module ? a.tenantId.localeCompare(b.tenantId) : a.module.localeCompare(b.module)) : a.day.localeCompare(b.day)));
}
