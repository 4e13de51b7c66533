import { z } from 'zod';
import { UsageModule, usageDay } from '../usage';

// Request and response shapes of the usage routes the privacy service serves behind the gateway:
// `GET /admin/usage` (realm role `operator`) and `GET /tenants/{tenantId}/usage` (the tenant's own).

/** The longest period one query may cover, in days (inclusive). */
export const MAX_USAGE_RANGE_DAYS = 366;

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

export const UsageQuery = z
  .strictObject({ from: usageDay, to: usageDay })
  .superRefine(({ from, to }, ctx) => {
    const span = dayNumber(to) - dayNumber(from) + 1;
    if (span < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (span > MAX_USAGE_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `must be at most ${MAX_USAGE_RANGE_DAYS} days after from, both included` });
  });
export type UsageQuery = z.infer<typeof UsageQuery>;

const count = z.number().int().min(0);

export const UsageBucket = z.object({
  day: usageDay,
  module: UsageModule,
  activeTenants: count.describe('Distinct institutes that acted or called in this module on this day; never below `k`.'),
  actions: count.describe('Domain events: clients, appointments, memberships, invoices and settings changed.'),
  requests: count.describe('API calls the gateway let through to this module.'),
});

export const UsageStatistics = z.object({
  from: usageDay,
  to: usageDay,
  k: z.number().int().min(1).describe('The smallest number of institutes a served bucket stands for.'),
  closedThrough: usageDay.nullable().describe('The last closed day; later days are still being counted and are not served.'),
  buckets: z.array(UsageBucket),
  suppressed: count.describe('Day and module buckets in the period left out because fewer than `k` institutes were active in them.'),
});
export type UsageStatistics = z.infer<typeof UsageStatistics>;

export const TenantUsageCount = z.object({ day: usageDay, module: UsageModule, actions: count, requests: count });

export const TenantUsage = z.object({
  tenantId: z.string(),
  from: usageDay,
  to: usageDay,
  counts: z.array(TenantUsageCount).describe('Per day and module, days and modules without use left out; today is still counting.'),
});
export type TenantUsage = z.infer<typeof TenantUsage>;
