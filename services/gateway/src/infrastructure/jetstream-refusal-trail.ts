import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { SupportAccessRefused } from '@homi/contracts';
import { publish } from '@homi/messaging';
import type { RefusalTrail } from '../application/ports';

/**
 * Publishes refused support calls to the AUDIT stream with the event id as `Nats-Msg-Id`. Resolves
 * on JetStream's acknowledgement; the reporter does not wait for it on a request's path.
 */
export class JetStreamRefusalTrail implements RefusalTrail {
  private readonly js: JetStreamClient;

  constructor(nc: NatsConnection, private readonly timeoutMs = 2_000) {
    this.js = jetstream(nc);
  }

  async record(event: SupportAccessRefused): Promise<void> {
    await publish(this.js, SupportAccessRefused, event, { msgId: event.eventId, timeoutMs: this.timeoutMs });
  }
}
