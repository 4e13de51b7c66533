import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { ClosedConnectionError } from '@nats-io/nats-core';
import { withTimeout } from '@homi/service-kit';
import { errorFields, type Logger } from './logger';

export interface PullLoopOptions {
  js: JetStreamClient;
  stream: string;
  durable: string;
  /** Batches handled at once. */
  concurrency: number;
  /** Most messages in one batch; the loop holds at most concurrency × batchSize messages. */
  batchSize: number;
  /** How often messages waiting for a free slot tell the server they are still being worked on. */
  workingEveryMs: number;
  logger: Logger;
  /** Settles every message of the batch (ack, nak or term) itself and never throws. */
  handle(batch: JsMsg[]): Promise<void>;
}

export interface PullLoop {
  /**
   * Stops pulling until `probe` resolves (tried every PROBE_MS): a dependency the handler needs is
   * away, so new messages would only fail and use up their deliveries. Messages already fetched
   * but not started go back to the server at once. Idempotent while paused.
   */
  pauseUntil(probe: () => Promise<unknown>): void;
  stop(): Promise<void>;
}

const RETRY_MS = 1_000;
/** How often a paused loop asks whether its dependency is back (and the most each try may take). */
const PROBE_MS = 500;
const PROBE_TIMEOUT_MS = 2_000;
/**
 * How long one pull request waits on the server. The client also waits this long between attempts
 * to find its consumer again after a reconnect whose first attempt failed (and misses heartbeats
 * after half of it), so it bounds how soon consuming resumes after an outage: 30 s by default, 5 s
 * here, at the cost of one idle pull request per consumer every 5 s.
 */
const PULL_EXPIRES_MS = 5_000;

/**
 * Pulls from a durable consumer and hands out batches, at most `concurrency` at a time. Messages
 * that arrive together (one pull response) wait for the current I/O turn to end and go out in
 * batches of up to `batchSize`; one that arrives alone goes alone. The client's consume() rides
 * out reconnects; should it end anyway, the loop opens a new one.
 */
export function pullLoop(opts: PullLoopOptions): PullLoop {
  const { js, stream, durable, concurrency, batchSize, logger } = opts;
  const capacity = concurrency * batchSize;
  const inFlight = new Set<Promise<void>>();
  const queue: JsMsg[] = [];
  const waiters: Array<() => void> = [];
  let held = 0;
  let flushing: NodeJS.Immediate | undefined;
  let stopping = false;
  let messages: ConsumerMessages | undefined;
  let wake: (() => void) | undefined;
  let paused: Promise<void> | undefined;

  // Messages queued behind busy slots would otherwise reach their ack wait and come again.
  const keepAlive = setInterval(() => queue.forEach((msg) => msg.working()), opts.workingEveryMs);
  keepAlive.unref();

  const roomFree = () => (held < capacity ? Promise.resolve() : new Promise<void>((r) => waiters.push(r)));

  function dispatch(batch: JsMsg[]) {
    const p = opts
      .handle(batch)
      .catch((err: unknown) => logger.error({ consumer: durable, ...errorFields(err) }, 'message handling crashed'))
      .finally(() => {
        inFlight.delete(p);
        held -= batch.length;
        waiters.shift()?.();
        flush();
      });
    inFlight.add(p);
  }

  /** Hands the queued messages out in batches of up to batchSize, while slots are free. */
  function flush() {
    flushing = undefined;
    while (queue.length && inFlight.size < concurrency) dispatch(queue.splice(0, batchSize));
  }

  /** Fetched but not started: back to the server at once, for another replica. */
  function returnQueued() {
    held -= queue.length;
    for (const msg of queue.splice(0)) msg.nak();
    while (waiters.length) waiters.shift()?.();
  }

  async function run(): Promise<void> {
    while (!stopping) {
      if (paused) await paused;
      if (stopping) break;
      try {
        const consumer = await js.consumers.get(stream, durable);
        // A new pull after every concurrency/4 messages received, as when the pull was
        // `concurrency` messages: the server holds a recent pull request, never only one about to
        // expire. (A pull per message costs a consumer of 16 about a sixth of its throughput.)
        const repullEvery = Math.max(1, Math.round(concurrency / 4));
        messages = await consumer.consume({ max_messages: capacity, threshold_messages: capacity - repullEvery, expires: PULL_EXPIRES_MS });
        if (stopping) await messages.close();
        for await (const msg of messages) {
          if (stopping || paused) {
            msg.nak();
            continue;
          }
          queue.push(msg);
          held++;
          flushing ??= setImmediate(flush);
          await roomFree();
        }
      } catch (err) {
        if (err instanceof ClosedConnectionError) {
          logger.error({ consumer: durable, ...errorFields(err) }, 'nats connection closed; consumer stops');
          return;
        }
        if (!stopping) logger.warn({ consumer: durable, ...errorFields(err) }, 'consume interrupted; retrying');
      }
      if (!stopping) await pause();
    }
  }

  function pause(ms = RETRY_MS): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async function untilAnswers(probe: () => Promise<unknown>): Promise<void> {
    while (!stopping) {
      try {
        await withTimeout(probe(), PROBE_TIMEOUT_MS);
        return;
      } catch {
        await pause(PROBE_MS);
      }
    }
  }

  const done = run();
  return {
    pauseUntil(probe) {
      if (paused || stopping) return;
      const started = Date.now();
      logger.warn({ consumer: durable }, 'consumer paused until its dependency answers');
      paused = untilAnswers(probe).finally(() => {
        paused = undefined;
        if (!stopping) logger.info({ consumer: durable, pausedMs: Date.now() - started }, 'consumer resumed');
      });
      returnQueued();
      void messages?.close().catch(() => undefined);
    },
    async stop() {
      stopping = true;
      clearInterval(keepAlive);
      clearImmediate(flushing);
      flushing = undefined;
      returnQueued();
      wake?.();
      await messages?.close();
      await paused;
      await done;
      await Promise.all(inFlight);
    },
  };
}
