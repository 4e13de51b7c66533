import { AckPolicy, DeliverPolicy, type JetStreamClient } from '@nats-io/jetstream';
import { PRIVACY_STREAM } from '@homi/contracts';

/** The messages now on `subject` in `stream` (PRIVACY by default) whose data matches `filter`, read with an ephemeral consumer. */
export async function messagesOn<T>(js: JetStreamClient, subject: string, filter: (data: T) => boolean, stream: string = PRIVACY_STREAM.name): Promise<{ id: string; data: T }[]> {
  const jsm = await js.jetstreamManager();
  const info = await jsm.consumers.add(stream, { filter_subject: subject, ack_policy: AckPolicy.None, deliver_policy: DeliverPolicy.All });
  const found: { id: string; data: T }[] = [];
  try {
    const consumer = await js.consumers.get(stream, info.name);
    let pending = info.num_pending;
    while (pending > 0) {
      let got = 0;
      for await (const m of await consumer.fetch({ max_messages: Math.min(pending, 1000), expires: 1000 })) {
        got++;
        pending = m.info.pending;
        const data = m.json<T>();
        if (filter(data)) found.push({ id: m.headers?.get('Nats-Msg-Id') ?? '', data });
      }
      if (got === 0) break;
    }
  } finally {
    await jsm.consumers.delete(stream, info.name).catch(() => undefined);
  }
  return found;
}
