import type { Logger } from '@homi/service-kit';

/** Runs `work` every `intervalMs`, one run at a time in this process; a failed run is logged and the next comes as usual. */
export class IntervalJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly work: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly logger: Pick<Logger, 'warn'>,
    /** The log line of a failed run. */
    private readonly failure: string,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  /** One run now, or the one under way. */
  async runOnce(): Promise<void> {
    this.running ??= (async () => {
      try {
        await this.work();
      } catch (err) {
        this.logger.warn({ err }, this.failure);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
