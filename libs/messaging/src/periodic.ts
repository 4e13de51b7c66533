import { errorFields, type Logger } from './logger';

export interface Periodic<T> {
  /** Runs one turn now, or waits for the turn under way and then runs one. */
  runOnce(): Promise<T>;
  /** No further turns; waits for the one under way. */
  stop(): Promise<void>;
}

/**
 * Runs `work` every `intervalMs` (first turn after one interval), never two turns at once. A failed
 * turn is logged and the next one comes as usual. Timers are unref'd: they keep no process alive.
 */
export function runPeriodically<T>(name: string, work: () => Promise<T>, intervalMs: number, logger: Logger): Periodic<T> {
  let running: Promise<T> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function runOnce(): Promise<T> {
    while (running) await running.catch(() => undefined);
    running = work();
    try {
      return await running;
    } finally {
      running = undefined;
    }
  }

  function schedule(): void {
    timer = setTimeout(() => {
      void runOnce()
        .catch((err: unknown) => logger.error({ job: name, ...errorFields(err) }, 'periodic job failed'))
        .finally(() => {
          if (!stopped) schedule();
        });
    }, intervalMs);
    timer.unref();
  }

  schedule();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
