import { forbidden, type CallerContext } from '@homi/service-kit';
import type { usageApi } from '@homi/contracts';
import { isOperator } from '../domain/access';
import { lastClosedDay } from '../domain/usage-day';
import { applyMinimumBucket } from '../domain/usage-k-anonymity';
import type { UsageDeps } from './deps';
import { USAGE_WORK } from './record-usage';

/**
 * The statistics of closed days in the period, for HOMi's operators only. A bucket fewer than k
 * tenants stand for is never served: it is left out and counted in `suppressed`.
 */
export async function readUsageStatistics(deps: Pick<UsageDeps, 'uow' | 'clock' | 'settings'>, caller: CallerContext, query: usageApi.UsageQuery): Promise<usageApi.UsageStatistics> {
  if (!isOperator(caller)) throw forbidden('This needs the realm role operator.', 'realm-role-required');
  const k = deps.settings.minBucket;
  const closedThrough = lastClosedDay(deps.clock(), deps.settings.closeGraceMs);
  const to = query.to < closedThrough ? query.to : closedThrough;
  const stored = query.from <= to ? await deps.uow.snapshot(USAGE_WORK, ({ usage }) => usage.buckets(query.from, to)) : [];
  const { served, suppressed } = applyMinimumBucket(stored, k);
  return {
    from: query.from,
    to: query.to,
    k,
    closedThrough,
    buckets: served.map((b) => ({ day: b.day, module: b.module, activeTenants: b.activeTenants, actions: b.actions, requests: b.requests })),
    suppressed,
  };
}
