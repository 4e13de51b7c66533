import { AckPolicy, DeliverPolicy, jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { PRIVACY_STREAM, RetentionPurged } from '@homi/contracts';

const started = new Date(Date.now() - 1000);

/** Which of these outbox ids arrived on the PRIVACY stream as retention reports (Nats-Msg-Id = outbox id). */
export async function privacyStreamIds(nc: NatsConnection, ids: string[]): Promise<string[]> {
  const js = jetstream(nc);
  const jsm = await js.jetstreamManager();
  const info = await jsm.consumers.add(PRIVACY_STREAM.name, {
    filter_subject: RetentionPurged.subject, ack_policy: AckPolicy.None,
    deliver_policy: DeliverPolicy.StartTime, opt_start_time: started.toISOString(), inactive_threshold: 30_000_000_000,
  });
  try {
    const consumer = await js.consumers.get(PRIVACY_STREAM.name, info.name);
    const found = new Set<string>();
    for (;;) {
      const batch = await consumer.fetch({ max_messages: 500, expires: 1000 });
      let n = 0;
      for await (const m of batch) {
        n++;
        const id = m.headers?.get('Nats-Msg-Id') ?? '';
        if (ids.includes(id)) found.add(id);
      }
      if (n === 0) return [...found];
    }
  } finally {
    await jsm.consumers.delete(PRIVACY_STREAM.name, info.name).catch(() => undefined);
  }
}
