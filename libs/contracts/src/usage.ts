import { z } from 'zod';
import { defineContract, isoDateTime, prefixedId, tenantId } from './contract';
import { namespacedStream } from './nats-namespace';
import { MODULES } from './identity';

// Usage statistics (issue 8). The gateway counts the calls it lets through per UTC day, tenant and
// module and reports them; the privacy service folds them, with the platform's domain events, into
// anonymous aggregates (ADR 16). A report names tenants because the tenant's own
// usage is the tenant's data; the statistics built from it never do.

/** The permission modules, plus `other` for calls and events that belong to none of them. */
export const USAGE_MODULES = [...MODULES, 'other'] as const;
export const UsageModule = z.enum(USAGE_MODULES);
export type UsageModule = z.infer<typeof UsageModule>;

/** A UTC calendar day, `YYYY-MM-DD`. */
export const usageDay = z.iso.date();

export const usageReportId = prefixedId('urp');

/** The most counts one report carries: a busy window is split over several reports. */
export const MAX_USAGE_REPORT_COUNTS = 2000;

export const UsageCount = z.strictObject({
  day: usageDay,
  tenantId,
  module: UsageModule,
  requests: z.number().int().min(1).max(1_000_000_000),
});
export type UsageCount = z.infer<typeof UsageCount>;

/**
 * The calls one gateway replica let through in one window `[windowStart, windowEnd)`. The report id
 * is also the message id: a report published again (a lost acknowledgement) is counted once.
 */
export const GatewayUsageReported = defineContract(
  'gateway.usage.reported.v1',
  1,
  z.strictObject({
    reportId: usageReportId,
    windowStart: isoDateTime,
    windowEnd: isoDateTime,
    counts: z.array(UsageCount).min(1).max(MAX_USAGE_REPORT_COUNTS),
  }),
);
export type GatewayUsageReported = z.infer<typeof GatewayUsageReported.schema>;

/**
 * The gateway's stream. Short-lived on purpose: its reports name tenants, and a consumer that has
 * been away for a week has lost more than a week of statistics anyway.
 */
export const GATEWAY_STREAM = namespacedStream({ name: 'GATEWAY', subjects: ['gateway.>'], maxAgeMs: 7 * 24 * 3600_000 });
