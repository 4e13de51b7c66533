import type { JetStreamManager } from '@nats-io/jetstream';
import { startMessagingRetention, type InboxPruneResult } from '@homi/messaging';
import type { PeriodicJob } from '@homi/service-kit';
import { startRetention, type RetentionHandle, type RetentionOptions } from './start-retention';

export interface HousekeepingOptions extends RetentionOptions {
  jsm: JetStreamManager;
  /** Every stream this service's consumers read: their inbox rows may go once the stream cannot redeliver. */
  consumedStreams: readonly string[];
  /** How often both jobs run (default hourly). */
  intervalMs?: number;
}

/** A data owner's two retention jobs: its declared categories, and the inbox rows of what it consumed. */
export interface Housekeeping {
  retention: RetentionHandle;
  messaging: PeriodicJob<InboxPruneResult>;
  /** Stops both, letting a batch under way commit. */
  stop(): Promise<void>;
}

/** Starts the retention every data owner runs (ADR 20): its declaration's periods and its inbox. */
export function startHousekeeping(opts: HousekeepingOptions): Housekeeping {
  const { jsm, consumedStreams, ...retention } = opts;
  const handles = {
    retention: startRetention(retention),
    messaging: startMessagingRetention({
      orm: opts.orm, jsm, logger: opts.logger, streams: consumedStreams, clock: opts.clock, intervalMs: opts.intervalMs,
    }),
  };
  return {
    ...handles,
    async stop() {
      await handles.retention.stop();
      await handles.messaging.stop();
    },
  };
}
