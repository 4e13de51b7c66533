import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '@homi/service-kit';

export interface RetryOptions {
  logger: Logger;
  /** Names the attempt in the log line. */
  what: string;
  signal?: AbortSignal;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/** Runs `attempt` until it succeeds, backing off exponentially; only an abort ends it early. */
export async function retryForever<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { logger, what, signal, initialDelayMs = 250, maxDelayMs = 10_000 } = options;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      signal?.throwIfAborted();
      const waitMs = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(n - 1, 16));
      logger.warn({ err, attempt: n, retryInMs: waitMs }, `${what} failed; retrying`);
      await delay(waitMs, undefined, { signal });
    }
  }
}
