import { randomBytes } from 'node:crypto';
import { BILLING_STREAM, GATEWAY_STREAM, TENANT_DATA_STREAM } from '@homi/contracts';
import { periodicJob, type Logger, type PeriodicJob } from '@homi/service-kit';
import type { Database } from '../infrastructure/database';
import { closeUsageDays } from './application/close-usage-days';
import type { UsageDeps, UsageSettings } from './application/deps';

/** The streams the usage statistics read, for startService to ensure. */
export const USAGE_STREAMS = [TENANT_DATA_STREAM, BILLING_STREAM, GATEWAY_STREAM];

/** The usage statistics' dependencies. */
export function usageDeps(db: Database, clock: () => Date, settings: UsageSettings): UsageDeps {
  return { db, clock, settings, randomKey: () => randomBytes(32) };
}

/** The job that closes finished usage days (ADR 16). */
export function usageDayClose(deps: UsageDeps, intervalMs: number, logger: Logger): PeriodicJob {
  return periodicJob({
    name: 'usage-day-close',
    intervalMs,
    logger,
    work: async () => {
      const summary = await closeUsageDays(deps);
      if (summary.closed.length > 0) logger.info(summary, 'usage days closed');
    },
  });
}
