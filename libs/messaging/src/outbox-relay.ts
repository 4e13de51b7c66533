import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { JetStreamClient } from '@nats-io/jetstream';
import { SpanKind } from '@opentelemetry/api';
import { sendWithNext } from '@homi/service-kit';
import { errorFields, type Logger } from './logger';
import { onOutboxCommit } from './outbox';
import { deletePublishedBefore } from './outbox-retention';
import { observeGauge, type Registration } from './metrics';
import { messagingAttributes } from './publish';
import { contextFromHeaders, failExpected, toNatsHeaders, tracer, type MessageHeaders } from './tracing';

export interface OutboxRelayOptions {
  batchSize?: number;
  /** How often to look for rows nobody kicked the relay for (another replica's, or after a crash). */
  pollIntervalMs?: number;
  /**
   * Longest wait between attempts while NATS or Postgres is unreachable: what the relay may add to
   * the outage once the dependency is back (2 s by default; issue 19 asks for full work within 5 s).
   */
  maxBackoffMs?: number;
  /** Wait for each PubAck at most this long; rows stay locked meanwhile. */
  publishTimeoutMs?: number;
  /** Published rows are kept this long (for inspection), then deleted. */
  retentionMs?: number;
  cleanupIntervalMs?: number;
}

export interface BatchResult {
  published: number;
  failed: number;
  /** Nothing could be published, or two publishes in a row failed: NATS is most likely away. */
  outage: boolean;
}

const LOUD_ATTEMPTS = 5;
const encoder = new TextEncoder();

/** Outbox rows committed but not yet published: what the relay still owes JetStream. */
export async function outboxBacklog(orm: MikroORM | EntityManager): Promise<number> {
  const em = 'em' in orm ? orm.em : orm;
  const rows = await em.fork().getConnection().execute<{ n: number }[]>('select count(*)::int as n from outbox where published_at is null');
  return rows[0]?.n ?? 0;
}
/** Publishes awaiting their PubAck at once: enough to keep the connection busy while acks return. */
const PUBLISH_WINDOW = 256;

/** An outbox row as the relay claims it: the payload as the JSON text Postgres holds, sent as is. */
interface ClaimedRow {
  id: string;
  subject: string;
  payload: string;
  headers: MessageHeaders;
  attempts: number;
}

// Raw SQL, not entities: the relay reads five columns and writes two, and hydrating, diffing and
// re-serialising rows it never keeps cost more than the publishing (ADR 48).
const CLAIM_SQL = `select id, subject, payload::text as payload, headers, attempts from outbox
  where published_at is null order by created_at, id limit ? for update skip locked`;
// Marking rows published need not wait for the disk: a mark lost in a crash means the rows are
// published again, with the same Nats-Msg-Id, which the stream's duplicate window drops (as for a
// crash between publish and commit). Inbox work is never committed this way. The setting travels in
// the mark itself (one round trip less than a `set local` of its own); a turn that marks nothing
// writes nothing, so its commit has nothing to wait for either.
const MARK_PUBLISHED_SQL = `update outbox set published_at = now()
  from (select set_config('synchronous_commit', 'off', true)) as unsynced
  where id in (?)`;
/** Whether a poll finds anything: one statement outside a transaction, instead of four, when idle. */
const ANY_UNPUBLISHED_SQL = 'select exists (select 1 from outbox where published_at is null) as due';
const COUNT_FAILED_SQL = 'update outbox set attempts = attempts + 1 where id in (?)';

/**
 * Moves committed outbox rows to JetStream. Each row is published at least once and stored once:
 * rows are claimed with `for update skip locked` (replicas never publish the same row at the same
 * time) and published with `Nats-Msg-Id` = row id (a crash between publish and commit is absorbed
 * by the stream's duplicate window). An unreachable NATS leaves rows in place to retry.
 */
export class OutboxRelay {
  private readonly em: EntityManager;
  private readonly opts: Required<OutboxRelayOptions>;
  private running = false;
  /** Cancels the next turn, whether a timer's (a poll) or an immediate's (a kick). */
  private cancelNext: (() => void) | undefined;
  private inFlight: Promise<void> | undefined;
  private kickedDuringBatch = false;
  /** The next turn follows a kick or a full batch, so rows are most likely there: it skips the poll's check. */
  private expectRows = true;
  private consecutiveOutages = 0;
  private lastCleanup = 0;

  constructor(
    orm: MikroORM | EntityManager,
    private readonly js: Pick<JetStreamClient, 'publish'>,
    private readonly logger: Logger,
    options: OutboxRelayOptions = {},
  ) {
    this.em = 'em' in orm ? orm.em : orm;
    this.opts = {
      batchSize: options.batchSize ?? 100,
      pollIntervalMs: options.pollIntervalMs ?? 200,
      maxBackoffMs: options.maxBackoffMs ?? 2_000,
      publishTimeoutMs: options.publishTimeoutMs ?? 5_000,
      retentionMs: options.retentionMs ?? 7 * 24 * 3600_000,
      cleanupIntervalMs: options.cleanupIntervalMs ?? 10 * 60_000,
    };
  }

  private gauge: Registration | undefined;

  private stopKicks: (() => void) | undefined;

  start(): void {
    if (this.running) return;
    this.running = true;
    // Every commit on this ORM that wrote outbox rows asks for a batch at once (ADR 69); the poll
    // remains for rows of other replicas and after a crash.
    this.stopKicks = onOutboxCommit(this.em, () => this.kick());
    this.gauge = observeGauge('homi_outbox_backlog', 'Outbox rows committed but not yet published to JetStream', async () => {
      return [{ value: await outboxBacklog(this.em) }];
    });
    this.schedule(0, true);
  }

  /** Stops polling and waits for the batch in flight, so its rows are marked before shutdown. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopKicks?.();
    this.gauge?.remove();
    this.cancelNext?.();
    await this.inFlight;
  }

  /** Asks for a batch soon, e.g. right after a commit that enqueued rows. Ignored while backing off. */
  kick(): void {
    if (!this.running || this.consecutiveOutages > 0) return;
    if (this.inFlight) this.kickedDuringBatch = true;
    else this.schedule(0, true);
  }

  /** Publishes up to one batch of unpublished rows, oldest first. */
  async runBatch(): Promise<BatchResult> {
    return this.em.fork().transactional(async (tx) => {
      const rows = await tx.execute<ClaimedRow[]>(CLAIM_SQL, [this.opts.batchSize]);
      const result: BatchResult = { published: 0, failed: 0, outage: false };
      const published: string[] = [];
      const failed: string[] = [];
      // A sliding window: a publish starts as soon as one of the window's PubAcks is back, in row
      // order, on one connection (which keeps that order on the server). Two failures mean NATS is
      // most likely away: nothing more starts, and the rows not tried stay for the next turn.
      let next = 0;
      const worker = async () => {
        while (next < rows.length && failed.length < 2) {
          const row = rows[next++]!;
          if (await this.publishRow(row)) published.push(row.id);
          else failed.push(row.id);
        }
      };
      await Promise.all(Array.from({ length: Math.min(PUBLISH_WINDOW, rows.length) }, worker));
      // Sent with the COMMIT, in one round trip (ADR 73).
      if (published.length) await sendWithNext(tx, MARK_PUBLISHED_SQL, [published]);
      if (failed.length) await tx.execute(COUNT_FAILED_SQL, [failed]);
      result.published = published.length;
      result.failed = failed.length;
      // One failure may be that row's own problem; two mean NATS is most likely away.
      if (failed.length >= 2 || (failed.length > 0 && published.length === 0)) result.outage = true;
      return result;
    });
  }

  private async anyUnpublished(): Promise<boolean> {
    const [row] = await this.em.fork().getConnection().execute<{ due: boolean }[]>(ANY_UNPUBLISHED_SQL);
    return row?.due === true;
  }

  /** Deletes published rows older than the retention. */
  deleteExpired(now = Date.now()): Promise<number> {
    return deletePublishedBefore(this.em, new Date(now - this.opts.retentionMs));
  }

  private async publishRow(row: ClaimedRow): Promise<boolean> {
    const parent = contextFromHeaders(row.headers);
    return tracer.startActiveSpan(
      `send ${row.subject}`,
      { kind: SpanKind.PRODUCER, attributes: messagingAttributes(row.subject, row.id) },
      parent,
      async (span) => {
        try {
          // The row's own trace headers travel on: the consumer continues the enqueuing trace.
          await this.js.publish(row.subject, encoder.encode(row.payload), {
            msgID: row.id,
            headers: toNatsHeaders(row.headers),
            timeout: this.opts.publishTimeoutMs,
          });
          return true;
        } catch (err) {
          const log = row.attempts + 1 >= LOUD_ATTEMPTS ? this.logger.error : this.logger.warn;
          log.call(this.logger, { outboxId: row.id, subject: row.subject, attempts: row.attempts + 1, ...errorFields(err) }, 'outbox publish failed');
          failExpected(span, err instanceof Error ? err.message : String(err));
          return false;
        } finally {
          span.end();
        }
      },
    );
  }

  private schedule(delayMs: number, expectRows: boolean): void {
    this.expectRows = expectRows;
    this.cancelNext?.();
    if (delayMs === 0) {
      // A kicked turn runs once this I/O turn's callbacks are done, not after a timer's 1 ms floor:
      // a millisecond on every hop of a chain of services (privacy → owners → privacy).
      const next = setImmediate(() => void this.tick()).unref();
      this.cancelNext = () => clearImmediate(next);
    } else {
      const next = setTimeout(() => void this.tick(), delayMs).unref();
      this.cancelNext = () => clearTimeout(next);
    }
  }

  private async tick(): Promise<void> {
    if (!this.running || this.inFlight) return;
    this.kickedDuringBatch = false;
    let next = this.opts.pollIntervalMs;
    this.inFlight = this.runOnce().then((delay) => {
      next = delay;
    });
    try {
      await this.inFlight;
    } finally {
      this.inFlight = undefined;
    }
    if (!this.running) return;
    if (this.kickedDuringBatch && this.consecutiveOutages === 0) this.schedule(0, true);
    else this.schedule(next, next === 0 || this.consecutiveOutages > 0);
  }

  /** One turn of the loop; never throws. Returns how long to wait before the next turn. */
  private async runOnce(): Promise<number> {
    try {
      if (!this.expectRows && !(await this.anyUnpublished())) {
        await this.cleanupWhenDue();
        return this.opts.pollIntervalMs;
      }
      const result = await this.runBatch();
      if (result.published > 0) this.logger.debug({ published: result.published }, 'outbox relayed');
      if (result.outage) return this.backoff();
      if (this.consecutiveOutages > 0) this.logger.info({ failedTurns: this.consecutiveOutages }, 'outbox relay resumed');
      this.consecutiveOutages = 0;
      await this.cleanupWhenDue();
      return result.published + result.failed >= this.opts.batchSize ? 0 : this.opts.pollIntervalMs;
    } catch (err) {
      // Once per outage, not once per turn (each turn fails the same way until the database is back).
      if (this.consecutiveOutages === 0) this.logger.error(errorFields(err), 'outbox relay batch failed');
      return this.backoff();
    }
  }

  private backoff(): number {
    this.consecutiveOutages++;
    const exp = this.opts.pollIntervalMs * 2 ** Math.min(this.consecutiveOutages, 16);
    return Math.min(exp, this.opts.maxBackoffMs);
  }

  private async cleanupWhenDue(): Promise<void> {
    if (Date.now() - this.lastCleanup < this.opts.cleanupIntervalMs) return;
    this.lastCleanup = Date.now();
    const deleted = await this.deleteExpired();
    if (deleted > 0) this.logger.debug({ deleted }, 'outbox published rows deleted');
  }
}
