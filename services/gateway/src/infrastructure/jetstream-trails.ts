import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { SupportAccessRefused, TenantActionPerformed, type Contract, type ContractData } from '@homi/contracts';
import { publish } from '@homi/messaging';
import type { AuditTrail, RefusalTrail } from '../application/ports';

/**
 * Publishes one contract's events to the AUDIT stream and resolves on JetStream's acknowledgement,
 * with the event id as `Nats-Msg-Id`: a publish retried after a lost ack is stored once.
 */
class JetStreamTrail<C extends Contract> {
  private readonly js: JetStreamClient;

  constructor(nc: NatsConnection, private readonly contract: C, private readonly timeoutMs: number) {
    this.js = jetstream(nc);
  }

  async record(event: ContractData<C> & { eventId: string }): Promise<void> {
    await publish(this.js, this.contract, event, { msgId: event.eventId, timeoutMs: this.timeoutMs });
  }
}

/** Audit events; the gateway waits for the acknowledgement before it forwards the call. */
export class JetStreamAuditTrail extends JetStreamTrail<typeof TenantActionPerformed> implements AuditTrail {
  constructor(nc: NatsConnection, timeoutMs = 2_000) {
    super(nc, TenantActionPerformed, timeoutMs);
  }
}

/** Refused support calls; the reporter does not wait for the acknowledgement on a request's path. */
export class JetStreamRefusalTrail extends JetStreamTrail<typeof SupportAccessRefused> implements RefusalTrail {
  constructor(nc: NatsConnection, timeoutMs = 2_000) {
    super(nc, SupportAccessRefused, timeoutMs);
  }
}
