import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { ClosedConnectionError } from '@nats-io/nats-core';
import { withTimeout } from '@homi/service-kit';
import { errorFields, type Logger } from './logger';

export interface PullLoopOptions {
  js: JetStreamClient;
  stream: string;
  durable: string;
  concurrency: number;
  logger: Logger;
  /** Settles the message (ack, nak or term) itself and never throws. */
  handle(msg: JsMsg): Promise<void>;
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
 * Pulls from a durable consumer and hands out at most `concurrency` messages at a time. The
 * client's consume() rides out reconnects; should it end anyway, the loop opens a new one.
 */
export function pullLoop(opts: PullLoopOptions): PullLoop {
  const { js, stream, durable, concurrency, logger } = opts;
  const inFlight = new Set<Promise<void>>();
  const waiters: Array<() => void> = [];
  let stopping = false;
  let messages: ConsumerMessages | undefined;
  let wake: (() => void) | undefined;
  let paused: Promise<void> | undefined;

  const slotFree = () => (inFlight.size < concurrency ? Promise.resolve() : new Promise<void>((r) => waiters.push(r)));

  function dispatch(msg: JsMsg) {
    const p = opts
      .handle(msg)
      .catch((err: unknown) => logger.error({ consumer: durable, ...errorFields(err) }, 'message handling crashed'))
      .finally(() => {
        inFlight.delete(p);
        waiters.shift()?.();
      });
    inFlight.add(p);
  }

  async function run(): Promise<void> {
    while (!stopping) {
      if (paused) await paused;
      if (stopping) break;
      try {
        const consumer = await js.consumers.get(stream, durable);
        messages = await consumer.consume({ max_messages: concurrency, expires: PULL_EXPIRES_MS });
        if (stopping) await messages.close();
        for await (const msg of messages) {
          if (!stopping && !paused) await slotFree();
          // Fetched but not started: back to the server at once, for another replica.
          if (stopping || paused) msg.nak();
          else dispatch(msg);
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
      void messages?.close().catch(() => undefined);
    },
    async stop() {
      stopping = true;
      wake?.();
      await messages?.close();
      await paused;
      await done;
      await Promise.all(inFlight);
    },
  };
}
