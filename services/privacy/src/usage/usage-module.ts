import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { JetStreamClient } from '@nats-io/jetstream';
import { BILLING_STREAM, GATEWAY_STREAM, TENANT_DATA_STREAM } from '@homi/contracts';
import { ensureStream, type ConsumerHandle } from '@homi/messaging';
import type { Logger } from '@homi/service-kit';
import type { Database } from '../infrastructure/database';
import { periodicJob, type PeriodicJob } from '@homi/service-kit';
import { closeUsageDays } from './application/close-usage-days';
import type { UsageDeps, UsageSettings } from './application/deps';
import { startUsageConsumers } from './infrastructure/usage-consumers';

export interface UsageModuleOptions {
  js: JetStreamClient;
  orm: MikroORM;
  db: Database;
  logger: Logger;
  clock: () => Date;
  settings: UsageSettings;
  /** How often the close job looks for days to close. */
  closeIntervalMs: number;
}

export interface UsageModule {
  deps: UsageDeps;
  consumers: ConsumerHandle[];
  closer: PeriodicJob;
  stop(): Promise<void>;
}

type StreamConstant = { name: string; subjects: readonly string[]; maxAgeMs?: number };
const spec = (s: StreamConstant) => ({ name: s.name, subjects: [...s.subjects], maxAgeMs: s.maxAgeMs });

/** Starts the usage statistics: the streams it reads (ensured), its consumers and its day-close job. */
export async function startUsageModule(options: UsageModuleOptions): Promise<UsageModule> {
  const { js, orm, db, logger, clock, settings } = options;
  const jsm = await js.jetstreamManager();
  for (const stream of [TENANT_DATA_STREAM, BILLING_STREAM, GATEWAY_STREAM] as StreamConstant[]) await ensureStream(jsm, spec(stream));
  const deps: UsageDeps = { db, clock, settings, randomKey: () => randomBytes(32) };
  const consumers = await startUsageConsumers({ js, orm, logger, deps });
  const closer = periodicJob({
    name: 'usage-day-close',
    intervalMs: options.closeIntervalMs,
    logger,
    work: async () => {
      const summary = await closeUsageDays(deps);
      if (summary.closed.length > 0) logger.info(summary, 'usage days closed');
    },
  }).start();
  return {
    deps,
    consumers,
    closer,
    stop: async () => {
      await closer.stop();
      for (const c of consumers) await c.stop();
    },
  };
}
