import type { SupportAccessRefused } from '@homi/contracts';
import { newEventId } from '@homi/messaging';
import type { Logger } from '@homi/service-kit';
import { RefusalThrottle, type Throttled } from '../domain/refusal-throttle';
import type { RefusalTrail } from './ports';

/** What the gateway knows of a support call it refused. */
export type SupportRefusal = Omit<SupportAccessRefused, 'eventId' | 'occurredAt' | 'repeats'>;

export interface SupportRefusalReporterOptions {
  trail: RefusalTrail;
  logger: Logger;
  /** At most one event per (support user, tenant, method, route, reason) per window. */
  windowMs: number;
  now?: () => number;
}

const keyOf = (r: SupportRefusal) => JSON.stringify([r.supportUserId, r.tenantId, r.method, r.route, r.reason]);

/**
 * Puts a support user's refused call in the tenant's audit log, best effort: it never waits for NATS
 * and never fails the call (the caller is refused either way), and a failure is logged by type and
 * counted. Throttled per key and window (RefusalThrottle), so a scripted loop cannot flood a
 * tenant's log, while every refusal is still counted in some event's `repeats`.
 */
export class SupportRefusalReporter {
  /** Events JetStream did not store (NATS away, timeout): each is one entry missing from a tenant's log. */
  notStored = 0;
  private readonly throttle: RefusalThrottle<SupportRefusal>;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: SupportRefusalReporterOptions) {
    this.throttle = new RefusalThrottle(options.windowMs);
    this.now = options.now ?? Date.now;
  }

  refused(refusal: SupportRefusal): void {
    this.throttle.admit(keyOf(refusal), refusal, this.now()).forEach((t) => this.publish(t));
  }

  /** Writes the remainders of windows that have ended; start() runs it every window. */
  flush(): void {
    this.throttle.expire(this.now()).forEach((t) => this.publish(t));
  }

  start(): this {
    this.timer ??= setInterval(() => this.flush(), this.options.windowMs).unref();
    return this;
  }

  /** Stops the timer, writes what is still held and waits (briefly, as publishes time out) for what is in flight. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.throttle.drain().forEach((t) => this.publish(t));
    await Promise.all(this.inFlight);
  }

  private publish({ item, at, repeats }: Throttled<SupportRefusal>): void {
    const event: SupportAccessRefused = { ...item, repeats, eventId: newEventId(), occurredAt: new Date(at).toISOString() };
    const sent: Promise<void> = this.options.trail
      .record(event)
      .catch((err: unknown) => {
        this.notStored++;
        // The error's type and the event's codes only: no user id, no message text from elsewhere.
        const type = err instanceof Error ? ((err as { code?: string }).code ?? err.name) : typeof err;
        this.options.logger.warn({ eventId: event.eventId, reason: event.reason, route: event.route, errorType: type }, 'support refusal not stored in the audit log');
      })
      .finally(() => this.inFlight.delete(sent));
    this.inFlight.add(sent);
  }
}
