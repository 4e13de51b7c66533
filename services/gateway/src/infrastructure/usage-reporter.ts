import type { JetStreamClient } from '@nats-io/jetstream';
import { GatewayUsageReported, MAX_USAGE_REPORT_COUNTS, type UsageModule } from '@homi/contracts';
import { publish } from '@homi/messaging';
import { newId, type Logger } from '@homi/service-kit';
import { UsageCounter } from '../domain/usage-counter';

export interface UsageReporterOptions {
  js: Pick<JetStreamClient, 'publish'>;
  logger: Logger;
  /** One window: how often the counts are cut and reported. */
  flushIntervalMs: number;
  clock?: () => Date;
  /** Reports kept for a retry while NATS is away; beyond this the oldest are dropped (and logged). */
  maxPending?: number;
  /** How long one publish waits for JetStream's acknowledgement; default 5 s. */
  publishTimeoutMs?: number;
}

type Report = GatewayUsageReported;

/**
 * Counts the tenant calls this replica lets through and reports them every window as
 * `gateway.usage.reported.v1`. A report that could not be published is kept and sent again, with
 * the same report id (the message id), so a report is counted once even when only its
 * acknowledgement was lost. Counts live in memory: a replica that dies loses its current window
 * (and any reports still waiting for NATS), never more.
 */
export class UsageReporter {
  private readonly counter = new UsageCounter();
  private readonly pending: Report[] = [];
  private readonly clock: () => Date;
  private windowStart: Date;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(private readonly options: UsageReporterOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.windowStart = this.clock();
  }

  record(tenantId: string, module: UsageModule): void {
    this.counter.add(this.clock(), tenantId, module);
  }

  /** Reports not yet acknowledged by JetStream. */
  get waiting(): number {
    return this.pending.length;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.timer.unref();
  }

  /** Cuts the window and publishes every waiting report in order; one flush at a time. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.flushing = this.cutAndPublish();
    try {
      await this.flushing;
    } finally {
      this.flushing = undefined;
    }
  }

  /** Stops the timer and reports what was counted (a last attempt; what NATS does not take is lost). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private async cutAndPublish(): Promise<void> {
    const windowEnd = this.clock();
    const counts = this.counter.cut();
    for (let i = 0; i < counts.length; i += MAX_USAGE_REPORT_COUNTS) {
      const chunk = counts.slice(i, i + MAX_USAGE_REPORT_COUNTS);
      this.pending.push({ reportId: newId('urp'), windowStart: this.windowStart.toISOString(), windowEnd: windowEnd.toISOString(), counts: chunk });
    }
    this.windowStart = windowEnd;
    const max = this.options.maxPending ?? 1000;
    if (this.pending.length > max) {
      const dropped = this.pending.splice(0, this.pending.length - max);
      this.options.logger.warn({ reports: dropped.length }, 'usage reports dropped: NATS away too long');
    }
    while (this.pending.length > 0) {
      const report = this.pending[0]!;
      try {
        // One try: a report not taken is tried again next window with the same reportId (its msgID),
        // and stop() must not wait out an election.
        await publish(this.options.js, GatewayUsageReported, report, { msgId: report.reportId, timeoutMs: this.options.publishTimeoutMs ?? 5_000, retryForMs: 0 });
      } catch (err) {
        // Counts only, never the tenants: the log carries no identifier.
        this.options.logger.warn({ err, waiting: this.pending.length }, 'usage report not published; retried next window');
        return;
      }
      this.pending.shift();
    }
  }
}
