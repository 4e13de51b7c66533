import { AckPolicy, DeliverPolicy, jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

/** An event a test read back from a stream. */
export interface StreamEvent<T> {
  subject: string;
  /** Its `Nats-Msg-Id` (the outbox row's id). */
  id: string;
  data: T;
}

export interface StreamEventsQuery<T> {
  stream: string;
  subject: string;
  /** Only what was published since then (a second earlier, for clocks apart); everything when absent. */
  since?: Date;
  match: (data: T) => boolean;
  /** Reads until this many matched, or the time is up. */
  expected: number;
  timeoutMs: number;
}

/** The events on a stream's subject whose data matches, read with an ephemeral consumer that is deleted afterwards. */
export async function streamEvents<T>(nc: NatsConnection, query: StreamEventsQuery<T>): Promise<StreamEvent<T>[]> {
  const js = jetstream(nc);
  const jsm = await js.jetstreamManager();
  const info = await jsm.consumers.add(query.stream, {
    filter_subject: query.subject,
    ack_policy: AckPolicy.None,
    ...(query.since
      ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: new Date(query.since.getTime() - 1000).toISOString() }
      : { deliver_policy: DeliverPolicy.All }),
    inactive_threshold: 30_000_000_000,
  });
  const consumer = await js.consumers.get(query.stream, info.name);
  const found: StreamEvent<T>[] = [];
  const deadline = Date.now() + query.timeoutMs;
  while (Date.now() < deadline && found.length < query.expected) {
    const batch = await consumer.fetch({ max_messages: 500, expires: 1000 });
    for await (const m of batch) {
      const data = m.json<T>();
      if (query.match(data)) found.push({ subject: m.subject, id: m.headers?.get('Nats-Msg-Id') ?? '', data });
    }
  }
  await jsm.consumers.delete(query.stream, info.name).catch(() => undefined);
  return found;
}
