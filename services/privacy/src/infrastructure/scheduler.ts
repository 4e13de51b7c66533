import type { Logger } from '@homi/service-kit';

/** Runs `work` every `intervalMs`, never two turns at once; a failed turn is logged and retried next time. */
export class IntervalScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(
    private readonly work: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  /** Runs one turn now (or waits for the one under way). */
  async runOnce(): Promise<void> {
    while (this.running) await this.running;
    this.running = this.work().catch((err: unknown) => this.logger.error({ err }, 'scheduler turn failed'));
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    this.timer = setTimeout(async () => {
      await this.runOnce();
      if (!this.stopped) this.schedule();
    }, this.intervalMs);
    this.timer.unref();
  }
}
