import { AckPolicy, DeliverPolicy, jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { PRIVACY_STREAM, RetentionPurged } from '@homi/contracts';
import { ensureStream } from '@homi/messaging';

const started = new Date(Date.now() - 1000);

/**
 * Which of these outbox ids arrived on the PRIVACY stream as retention reports (Nats-Msg-Id = outbox
 * id). The privacy service makes that stream, and runs in no identity test: made here as it would be,
 * or a run where no earlier test on the shared NATS made it finds no stream (the relay retries).
 */
export async function privacyStreamIds(nc: NatsConnection, ids: string[]): Promise<string[]> {
  const js = jetstream(nc);
  const jsm = await js.jetstreamManager();
  await ensureStream(jsm, PRIVACY_STREAM);
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
