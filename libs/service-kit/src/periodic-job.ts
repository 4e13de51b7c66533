import { AsyncLocalStorage } from 'node:async_hooks';
/** What a periodic job writes when a scheduled turn fails; a pino logger satisfies it. */
export interface JobLogger {
  error(obj: object, msg?: string): void;
}

export interface PeriodicJobOptions<T> {
  /** Names the job in the log line of a failed turn. */
  name: string;
  intervalMs: number;
  work: () => Promise<T>;
  logger: JobLogger;
}

/** "Run every N ms without overlap": the one periodic primitive of every service (ADR 35). */
export interface PeriodicJob<T = unknown> {
  /** Schedules a turn every `intervalMs`, the first one interval from now; a second call does nothing. */
  start(): PeriodicJob<T>;
  /**
   * One turn now, after the turn under way if any (never two at once). Resolves with the turn's
   * result and rejects with its error: a caller that asks for a turn hears how it went, whereas a
   * scheduled turn's error is logged and the next turn comes as usual.
   */
  runOnce(): Promise<T>;
  /**
   * A turn soon (when started); a kick during a turn makes one more turn right after it. A kick from
   * within the job's own turn (its commits reaching a unit of work's after-commit hook that kicks the
   * job) is ignored: otherwise every turn would ask for the next, and an idle job would spin.
   */
  kick(): void;
  /** No further turns; resolves once the turn under way, if any, has finished. */
  stop(): Promise<void>;
}

const ignore = (): void => undefined;

/** The job whose turn the current async context belongs to, so that a job can tell its own kicks. */
const turnOf = new AsyncLocalStorage<PeriodicJob>();

/** Timers are unref'd: a job keeps no process alive. */
export function periodicJob<T>({ name, intervalMs, work, logger }: PeriodicJobOptions<T>): PeriodicJob<T> {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let started = false;
  let again = false;

  function schedule(ms: number): void {
    clearTimeout(timer);
    timer = undefined;
    if (!started) return;
    timer = setTimeout(tick, ms);
    timer.unref();
  }

  function tick(): void {
    timer = undefined;
    runOnce()
      .catch((err: unknown) => logger.error({ err, job: name }, 'periodic job turn failed; the next turn comes as usual'))
      .finally(() => {
        if (timer === undefined) schedule(intervalMs);
      });
  }

  async function runOnce(): Promise<T> {
    while (running) await running;
    again = false;
    const turn = turnOf.run(job, work);
    const settled = turn.then(ignore, ignore);
    running = settled;
    try {
      return await turn;
    } finally {
      if (running === settled) running = undefined;
      if (again) {
        again = false;
        schedule(0);
      }
    }
  }

  const job: PeriodicJob<T> = {
    start() {
      if (!started) {
        started = true;
        schedule(intervalMs);
      }
      return job;
    },
    runOnce,
    kick() {
      if (!started || turnOf.getStore() === job) return;
      if (running) again = true;
      else schedule(0);
    },
    async stop() {
      started = false;
      clearTimeout(timer);
      timer = undefined;
      while (running) await running;
    },
  };
  return job;
}
