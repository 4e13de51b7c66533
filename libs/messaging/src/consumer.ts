import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { SpanKind } from '@opentelemetry/api';
import type { Contract, ContractData } from '@homi/contracts';
import { dependencyOutage } from '@homi/service-kit';
import { deadLetter } from './dead-letter';
import { decodeMessage, type ConsumedEvent } from './decode';
import { processOnce } from './inbox';
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
  /** Messages handled at once, 1 to 64; default 4. */
  concurrency?: number;
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

  async function handle(msg: JsMsg): Promise<void> {
    const headers = fromNatsHeaders(msg.headers);
    const { deliveryCount, streamSequence, stream } = msg.info;
    const attributes = {
      'messaging.system': 'nats',
      'messaging.operation.type': 'process',
      'messaging.destination.name': msg.subject,
      'messaging.consumer.group.name': durable,
      'messaging.message.delivery_count': deliveryCount,
      'messaging.nats.stream_sequence': streamSequence,
    };
    const parent = contextFromHeaders(headers);
    await tracer.startActiveSpan(`process ${msg.subject}`, { kind: SpanKind.CONSUMER, attributes }, parent, async (span) => {
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
          const outcome = await processOnce(em, { consumer: durable, messageId: event.id, subject: msg.subject }, (tx) =>
            opts.handler(event, tx),
          );
          span.setAttribute('homi.inbox.outcome', outcome);
          // Confirmed acks make stop() final; a lost one only means a redelivery the inbox absorbs.
          await msg.ackAck().catch((err: unknown) => logger.warn({ consumer: durable, seq: streamSequence, ...errorFields(err) }, 'ack not confirmed'));
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

  const loop: PullLoop = pullLoop({ js, stream: opts.stream, durable, concurrency, logger, handle });
  const lag = observeGauge('homi_consumer_pending', 'Messages not yet delivered or not yet acknowledged, per durable consumer', async () => {
    const info = await jsm.consumers.info(opts.stream, durable);
    return [{ value: info.num_pending + info.num_ack_pending, attributes: { consumer: durable, stream: opts.stream } }];
  });
  return {
    stop: async () => {
      lag.remove();
      await loop.stop();
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
