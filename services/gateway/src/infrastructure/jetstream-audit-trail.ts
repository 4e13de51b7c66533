import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { TenantActionPerformed } from '@homi/contracts';
import { publish } from '@homi/messaging';
import type { AuditTrail } from '../application/ports';

/**
 * Publishes audit events to the AUDIT stream and waits for JetStream's acknowledgement, with the
 * event id as `Nats-Msg-Id`: a publish retried after a lost ack is stored once.
 */
export class JetStreamAuditTrail implements AuditTrail {
  private readonly js: JetStreamClient;

  constructor(nc: NatsConnection, private readonly timeoutMs = 2_000) {
    this.js = jetstream(nc);
  }

  async record(event: TenantActionPerformed): Promise<void> {
    await publish(this.js, TenantActionPerformed, event, { msgId: event.eventId, timeoutMs: this.timeoutMs });
  }
}
