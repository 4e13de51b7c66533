import type { Logger } from '@homi/service-kit';

/**
 * Runs `work` every `intervalMs`, never twice at once within this process (replicas coordinate in
 * the database), and sooner when kicked. stop() waits for a run in progress.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(this.intervalMs);
  }

  /** Runs soon; a kick during a run makes one more run right after it. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** One run now, awaited (tests, and kicks); joins a run in progress instead of overlapping it. */
  async runNow(): Promise<void> {
    while (this.running) await this.running;
    this.running = this.work().then(
      () => undefined,
      (err: unknown) => this.logger.error({ err, job: this.name }, 'job run failed'),
    );
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    while (this.running) await this.running;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.runNow().then(() => {
        const soon = this.again;
        this.again = false;
        this.schedule(soon ? 0 : this.intervalMs);
      });
    }, ms);
    this.timer.unref();
  }
}
