import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { JetStreamApiCodes, JetStreamApiError, type JetStreamManager } from '@nats-io/jetstream';
import { millis } from '@nats-io/nats-core';
import { pruneInbox } from './inbox';
import type { Logger } from './logger';
import { periodicJob, type PeriodicJob } from '@homi/service-kit';

export interface MessagingRetentionOptions {
  orm: MikroORM | EntityManager;
  jsm: JetStreamManager;
  logger: Logger;
  /** Every stream this service's consumers read (the ones the inbox rows came from). */
  streams: readonly string[];
  /** Default: hourly. */
  intervalMs?: number;
  batchSize?: number;
  clock?: () => Date;
}

export interface InboxPruneResult {
  /** Rows received before this were forgotten; undefined when a stream may redeliver forever. */
  cutoff?: Date;
  deleted: number;
}

/**
 * The longest a message of these streams can still be delivered after it was first received: the
 * stream's max_age (it is deleted after that) plus its duplicate window (within which a republished
 * copy is dropped rather than stored again). Undefined when any stream keeps messages without limit
 * or cannot be read: then no inbox row may be forgotten.
 */
export async function redeliveryHorizonMs(jsm: JetStreamManager, streams: readonly string[]): Promise<number | undefined> {
  let horizon = 0;
  for (const name of new Set(streams)) {
    try {
      const { config } = await jsm.streams.info(name);
      if (!config.max_age) return undefined;
      horizon = Math.max(horizon, millis(config.max_age) + millis(config.duplicate_window ?? 0));
    } catch (err) {
      if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound) return undefined;
      throw err;
    }
  }
  return horizon;
}

/** Forgets the inbox rows no stream of `streams` can redeliver any more; one turn of the job. */
export async function pruneRedeliverableInbox(opts: Omit<MessagingRetentionOptions, 'intervalMs' | 'logger'>): Promise<InboxPruneResult> {
  const em = 'em' in opts.orm ? opts.orm.em : opts.orm;
  const horizon = await redeliveryHorizonMs(opts.jsm, opts.streams);
  if (horizon === undefined) return { deleted: 0 };
  const cutoff = new Date((opts.clock ?? (() => new Date()))().getTime() - horizon);
  return { cutoff, deleted: await pruneInbox(em, cutoff, opts.batchSize) };
}

/**
 * A service's messaging housekeeping, started from its composition: inbox rows are forgotten once
 * the streams they came from can no longer redeliver them, in short batches, safely on several
 * replicas at once. (Published outbox rows are deleted by the OutboxRelay; dead letters expire with
 * the DEAD_LETTERS stream's max_age.)
 */
export function startMessagingRetention(opts: MessagingRetentionOptions): PeriodicJob<InboxPruneResult> {
  return periodicJob({
    name: 'inbox-retention',
    intervalMs: opts.intervalMs ?? 3600_000,
    logger: opts.logger,
    work: async () => {
      const result = await pruneRedeliverableInbox(opts);
      if (result.deleted > 0) opts.logger.info({ deleted: result.deleted, cutoff: result.cutoff?.toISOString() }, 'inbox rows forgotten');
      return result;
    },
  }).start();
}
