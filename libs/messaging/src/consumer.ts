import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { SpanKind, context, trace, type Span } from '@opentelemetry/api';
import type { Contract, ContractData } from '@homi/contracts';
import { dependencyOutage } from '@homi/service-kit';
import { deadLetter } from './dead-letter';
import { decodeMessage, type ConsumedEvent } from './decode';
import { processBatchOnce, processOnce } from './inbox';
import { hasEnqueued } from './outbox';
import { errorFields, type Logger } from './logger';
import { ensureConsumer, ensureDeadLetterStream } from './streams';
import { contextFromHeaders, failExpected, failUnexpected, fromNatsHeaders, tracer } from './tracing';
import { pullLoop, type PullLoop } from './pull-loop';
import { observeGauge } from './metrics';

export interface RunConsumerOptions<C extends Contract> {
  js: JetStreamClient;
  orm: MikroORM | EntityManager;
  logger: Logger;
  stream: string;
  /** Durable consumer name; also the inbox key and the dead-letter subject `dlq.<durable>`. */
  durable: string;
  /** The messages this consumer accepts; anything else it receives is dead-lettered. */
  contracts: readonly C[];
  /** Runs inside the transaction that records the message in the inbox: enqueue follow-ups on `em`. */
  handler(event: ConsumedEvent<ContractData<C>>, em: EntityManager): Promise<void>;
  /** Single subject or wildcard (NATS 2.9 has no multi-filter); defaults to one covering `contracts`. */
  filterSubject?: string;
  /** Transactions at once, 1 to 64; default 4. */
  concurrency?: number;
  /**
   * Messages that arrive together are handled in one transaction, up to this many (1 to 256;
   * default 32): one inbox insert, the handler for each message in order, one commit, then the
   * acks. When the transaction fails, its messages are handled again one by one (ADR 48).
   */
  batchSize?: number;
  /** Kicked after a commit whose handlers enqueued events, so they leave without waiting for the relay's poll. */
  relay?: { kick(): void };
  /**
   * After each commit of handled messages, with its transaction's entity manager: e.g. a notice job
   * kicked when a handler wrote a notice (service-kit's `wroteNotice(tx)`), as a unit of work does.
   */
  afterCommit?: (tx: EntityManager) => void;
  /**
   * In each transaction, after its handlers and before its commit, with the entity manager they
   * were given: e.g. what the handlers of a batch gathered, written once for all of them. Not
   * called when every message was a duplicate; when it throws, the batch rolls back as for a handler.
   */
  beforeCommit?: (tx: EntityManager) => Promise<void>;
  /** Deliveries before a failing message is dead-lettered; default 10. */
  maxDeliver?: number;
  /** Delay before redelivery after the n-th failure (the last value repeats). */
  backoffMs?: readonly number[];
  ackWaitMs?: number;
  /** Errors the handler throws on purpose (not span exceptions); default: errors with a `kind`. */
  isExpectedError?: (err: unknown) => boolean;
}

export interface ConsumerHandle {
  /** Stops fetching, lets handlers in flight finish and returns unstarted messages for redelivery. */
  stop(): Promise<void>;
}

export const DEFAULT_BACKOFF_MS = [1_000, 5_000, 30_000, 120_000, 600_000] as const;
const MAX_CONCURRENCY = 64;
const MAX_BATCH = 256;
/** Redelivery delay of a message whose handling met a database outage; the pause holds it back longer. */
const OUTAGE_REDELIVERY_MS = 1_000;

/**
 * Consumes a stream with a durable pull consumer: each message is parsed against its contract,
 * handled at most once per consumer (inbox) and effectively once overall, retried with backoff,
 * and dead-lettered when it can never be handled. Survives NATS reconnects.
 */
export async function runConsumer<C extends Contract>(opts: RunConsumerOptions<C>): Promise<ConsumerHandle> {
  const em = 'em' in opts.orm ? opts.orm.em : opts.orm;
  const concurrency = Math.min(Math.max(Math.floor(opts.concurrency ?? 4), 1), MAX_CONCURRENCY);
  const batchSize = Math.min(Math.max(Math.floor(opts.batchSize ?? 32), 1), MAX_BATCH);
  const maxDeliver = opts.maxDeliver ?? 10;
  const backoffMs = opts.backoffMs?.length ? opts.backoffMs : DEFAULT_BACKOFF_MS;
  const ackWaitMs = opts.ackWaitMs ?? 30_000;
  const isExpected = opts.isExpectedError ?? hasKind;
  const bySubject = new Map(opts.contracts.map((c) => [c.subject, c] as const));
  const { js, logger, durable } = opts;

  const jsm = await js.jetstreamManager();
  await ensureDeadLetterStream(jsm);
  // The client enforces maxDeliver (-1 on the server): a server that stops redelivering drops
  // the message silently, while the client dead-letters it.
  await ensureConsumer(jsm, opts.stream, {
    durable,
    filterSubject: opts.filterSubject ?? coveringSubject(opts.contracts.map((c) => c.subject)),
    maxDeliver: -1,
    ackWaitMs,
  });

  const retryDelay = (deliveries: number) => backoffMs[Math.min(deliveries, backoffMs.length) - 1] ?? 1_000;

  async function giveUp(msg: JsMsg, reason: Parameters<typeof deadLetter>[3], detail: string) {
    await deadLetter(js, msg, durable, reason, detail);
    // No reason argument: NATS 2.9 ignores a `+TERM <reason>` ack, leaving the message to redeliver.
    msg.term();
    logger.warn({ consumer: durable, subject: msg.subject, seq: msg.info.streamSequence, reason, detail }, 'message dead-lettered');
  }

  const spanAttributes = (msg: JsMsg) => ({
    'messaging.system': 'nats',
    'messaging.operation.type': 'process',
    'messaging.destination.name': msg.subject,
    'messaging.consumer.group.name': durable,
    'messaging.message.delivery_count': msg.info.deliveryCount,
    'messaging.nats.stream_sequence': msg.info.streamSequence,
  });
  const ackConfirmed = (msg: JsMsg) =>
    // Confirmed acks make stop() final; a lost one only means a redelivery the inbox absorbs.
    msg.ackAck().catch((err: unknown) => logger.warn({ consumer: durable, seq: msg.info.streamSequence, ...errorFields(err) }, 'ack not confirmed'));
  /**
   * Acks sent after their commit whose confirmation is still on its way. The slot does not wait for
   * it (a NATS round trip per batch, in a row for a consumer of concurrency 1); stop() does.
   */
  const confirming = new Set<Promise<unknown>>();
  const confirmAck = (msg: JsMsg): void => {
    const confirmed: Promise<unknown> = ackConfirmed(msg).finally(() => confirming.delete(confirmed));
    confirming.add(confirmed);
  };

  /**
   * One transaction's end: `finish` runs in it after the handlers (beforeCommit, and whether they
   * enqueued events), `committed` after its commit (the relay's kick, afterCommit).
   */
  function committing() {
    let handledIn: EntityManager | undefined;
    let enqueued = false;
    return {
      finish: async (tx: EntityManager) => {
        await opts.beforeCommit?.(tx);
        enqueued = Boolean(opts.relay) && hasEnqueued(tx);
        handledIn = tx;
      },
      committed: () => {
        if (enqueued) opts.relay?.kick();
        if (handledIn) opts.afterCommit?.(handledIn);
      },
    };
  }

  async function handle(msg: JsMsg): Promise<void> {
    const headers = fromNatsHeaders(msg.headers);
    const { deliveryCount, streamSequence, stream } = msg.info;
    const parent = contextFromHeaders(headers);
    await tracer.startActiveSpan(`process ${msg.subject}`, { kind: SpanKind.CONSUMER, attributes: spanAttributes(msg) }, parent, async (span) => {
      const working = setInterval(() => msg.working(), Math.max(ackWaitMs / 2, 500));
      try {
        const decoded = decodeMessage(msg, headers, bySubject);
        if (!decoded.ok) {
          failExpected(span, decoded.reason);
          return await giveUp(msg, decoded.reason, decoded.detail);
        }
        const event = decoded.event as ConsumedEvent<ContractData<C>>;
        span.setAttribute('messaging.message.id', event.id);
        if (deliveryCount > maxDeliver) {
          failExpected(span, 'max_deliver_exceeded');
          return await giveUp(msg, 'max_deliver_exceeded', `delivered ${deliveryCount} times`);
        }
        try {
          const commit = committing();
          const outcome = await processOnce(em, { consumer: durable, messageId: event.id, subject: msg.subject }, (tx) => opts.handler(event, tx), commit.finish);
          commit.committed();
          span.setAttribute('homi.inbox.outcome', outcome);
          confirmAck(msg);
        } catch (err) {
          if (dependencyOutage(err) === 'database') {
            // Not the message's fault: no dead letter for it, a quick redelivery, and no more pulls
            // until the database answers (the pause logs the outage once, not per message).
            failUnexpected(span, err);
            msg.nak(OUTAGE_REDELIVERY_MS);
            loop.pauseUntil(() => em.getConnection().execute('select 1'));
            return;
          }
          if (isExpected(err)) failExpected(span, err instanceof Error ? err.message : String(err));
          else failUnexpected(span, err);
          logger.warn({ consumer: durable, subject: msg.subject, seq: streamSequence, deliveryCount, ...errorFields(err) }, 'handler failed');
          if (deliveryCount >= maxDeliver) {
            await giveUp(msg, 'handler_failed', err instanceof Error ? err.message : String(err));
          } else {
            msg.nak(retryDelay(deliveryCount));
          }
        }
      } catch (err) {
        // Dead-lettering failed (NATS away?): try again later rather than lose the message.
        failUnexpected(span, err);
        logger.error({ consumer: durable, stream, seq: streamSequence, ...errorFields(err) }, 'message left for redelivery');
        msg.nak(retryDelay(deliveryCount));
      } finally {
        clearInterval(working);
        span.end();
      }
    });
  }

  /**
   * First deliveries that parse are handled in one transaction (processBatchOnce) and acked after
   * its commit; redeliveries, messages that do not parse and a batch of one go through `handle`
   * alone, as does every message of a batch whose transaction failed.
   */
  async function handleBatch(batch: JsMsg[]): Promise<void> {
    const together: Array<{ msg: JsMsg; event: ConsumedEvent<ContractData<C>>; parent: ReturnType<typeof contextFromHeaders> }> = [];
    for (const msg of batch) {
      if (batch.length === 1 || msg.info.deliveryCount > 1) {
        await handle(msg);
        continue;
      }
      const headers = fromNatsHeaders(msg.headers);
      const decoded = decodeMessage(msg, headers, bySubject);
      if (decoded.ok) together.push({ msg, event: decoded.event as ConsumedEvent<ContractData<C>>, parent: contextFromHeaders(headers) });
      else await handle(msg);
    }
    if (together.length === 1) return handle(together[0]!.msg);
    if (!together.length) return;

    const spans: Span[] = together.map(({ msg, event, parent }) =>
      tracer.startSpan(`process ${msg.subject}`, { kind: SpanKind.CONSUMER, attributes: { ...spanAttributes(msg), 'messaging.message.id': event.id } }, parent),
    );
    const working = setInterval(() => together.forEach(({ msg }) => msg.working()), Math.max(ackWaitMs / 2, 500));
    let replay = false;
    try {
      const commit = committing();
      const outcomes = await processBatchOnce(
        em,
        together.map(({ msg, event, parent }, i) => ({
          consumer: durable,
          messageId: event.id,
          subject: msg.subject,
          work: async (tx: EntityManager) => {
            // Each handler runs in its own message's span, so what it enqueues continues that trace.
            await context.with(trace.setSpan(parent, spans[i]!), () => opts.handler(event, tx));
          },
        })),
        commit.finish,
      );
      commit.committed();
      outcomes.forEach((outcome, i) => spans[i]!.setAttribute('homi.inbox.outcome', outcome));
      // Acks travel in order on one connection: the last one's confirmation vouches for the rest.
      together.slice(0, -1).forEach(({ msg }) => msg.ack());
      confirmAck(together.at(-1)!.msg);
    } catch (err) {
      if (dependencyOutage(err) === 'database') {
        spans.forEach((span) => failUnexpected(span, err));
        for (const { msg } of together) msg.nak(OUTAGE_REDELIVERY_MS);
        loop.pauseUntil(() => em.getConnection().execute('select 1'));
        return;
      }
      // Rolled back, inbox rows and all: each message goes again alone, which finds the failing one.
      spans.forEach((span) => span.setAttribute('homi.batch.replayed', true));
      replay = true;
    } finally {
      clearInterval(working);
      spans.forEach((span) => span.end());
    }
    if (replay) for (const { msg } of together) await handle(msg);
  }

  const loop: PullLoop = pullLoop({
    js, stream: opts.stream, durable, concurrency, batchSize, logger, handle: handleBatch, workingEveryMs: Math.max(ackWaitMs / 2, 500),
  });
  const lag = observeGauge('homi_consumer_pending', 'Messages not yet delivered or not yet acknowledged, per durable consumer', async () => {
    const info = await jsm.consumers.info(opts.stream, durable);
    return [{ value: info.num_pending + info.num_ack_pending, attributes: { consumer: durable, stream: opts.stream } }];
  });
  return {
    stop: async () => {
      lag.remove();
      await loop.stop();
      await Promise.all(confirming);
    },
  };
}

/** The one filter that covers every subject: the subject itself, or the common tokens + `>`. */
export function coveringSubject(subjects: readonly string[]): string {
  const [first, ...rest] = subjects;
  if (first === undefined) throw new Error('runConsumer needs at least one contract');
  if (rest.every((s) => s === first)) return first;
  const split = subjects.map((s) => s.split('.'));
  const common: string[] = [];
  for (let i = 0; split.every((t) => i < t.length - 1 && t[i] === split[0]![i]); i++) common.push(split[0]![i]!);
  if (common.length === 0) throw new Error(`no single filter covers ${subjects.join(', ')}; pass filterSubject`);
  return `${common.join('.')}.>`;
}

function hasKind(err: unknown): boolean {
  return typeof err === 'object' && err !== null && typeof (err as { kind?: unknown }).kind === 'string';
}
