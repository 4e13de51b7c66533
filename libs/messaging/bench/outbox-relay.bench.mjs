// Outbox relay throughput end to end: rows committed to the outbox → relay → JetStream → a
// durable consumer with an idempotent inbox. Baseline in the same run: the same number of
// messages published straight to JetStream (no database, no inbox) and consumed raw. Each path
// is timed as a pipeline, from its first publish or commit to its last message consumed.
import { randomBytes } from 'node:crypto';
import { jetstream, AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { z } from 'zod';
import { defineContract, namespacedStream } from '@homi/contracts';
import { connectNats, ensureStream, enqueue, messagingEntities, messagingMigration, OutboxRelay, runConsumer, publish } from '@homi/messaging';
import { createOrm } from '@homi/service-kit';
import { createDatabase, dropDatabase } from '@homi/testing';

/** Events per path: full, or tiny for `npm test`'s run of every bench. */
const SIZES = { full: Number(process.env.BENCH_OUTBOX_EVENTS ?? 5000), tiny: 50 };
const silent = { info() {}, warn() {}, error() {}, debug() {} };

export default async function bench({ databaseUrl, natsUrl, size = 'full' }) {
  const N = SIZES[size];
  const tag = randomBytes(4).toString('hex');
  // In the run's NATS namespace (scripts/bench.mjs), as every contract's subject is.
  const { name: stream, subjects } = namespacedStream({ name: `BENCH_${tag}`, subjects: [`bench.${tag}.>`] });
  const Contract = defineContract(`bench.${tag}.ping.v1`, 1, z.object({ n: z.number() }));
  const dbName = `homi_bench_outbox_${tag}`;
  const orm = await createOrm({ clientUrl: await createDatabase(databaseUrl, dbName), entities: [...messagingEntities], migrations: [messagingMigration] });
  await orm.migrator.up();
  const nc = await connectNats({ url: natsUrl, name: 'bench' });
  const js = jetstream(nc);
  const jsm = await js.jetstreamManager();
  await ensureStream(jsm, { name: stream, subjects });
  try {
    // Both paths run as pipelines, as they do in production: the consumer runs while the producer
    // produces, and a path's time is from its first publish or commit to its last message consumed.
    // Baseline: direct JetStream publish (awaiting acks 64 at a time) + raw pull consumption.
    const raw = await jsm.consumers.add(stream, { ack_policy: AckPolicy.None, deliver_policy: DeliverPolicy.New });
    const rawMessages = await (await js.consumers.get(stream, raw.name)).consume({ max_messages: 1000 });
    const t0 = performance.now();
    const consumed = (async () => {
      let seen = 0;
      for await (const _m of rawMessages) if (++seen === N) break;
    })();
    for (let i = 0; i < N; i += 64) {
      await Promise.all(Array.from({ length: Math.min(64, N - i) }, (_, k) => publish(js, Contract, { n: i + k }, { msgId: `direct-${tag}-${i + k}` })));
    }
    await consumed;
    const directMs = performance.now() - t0;
    await rawMessages.close();
    await jsm.consumers.delete(stream, raw.name);
    await jsm.streams.purge(stream);

    // Outbox: rows committed in transactions of 100, each commit kicking the relay (as the services'
    // units of work do); the relay publishes them and a consumer with the inbox takes them.
    const relay = new OutboxRelay(orm, js, silent, { batchSize: 500 });
    let received = 0;
    let done;
    const finished = new Promise((r) => (done = r));
    const consumer = await runConsumer({
      js, orm, logger: silent, stream, durable: `bench-${tag}`, contracts: [Contract], concurrency: 16,
      handler: async () => { if (++received === N) done(); },
    });
    relay.start();
    const t1 = performance.now();
    let relayedMs = 0;
    const relayed = (async () => {
      while (!relayedMs) {
        const info = await jsm.streams.info(stream);
        if (info.state.messages >= N) relayedMs = performance.now() - t1;
        else await new Promise((r) => setTimeout(r, 10));
      }
    })();
    for (let i = 0; i < N; i += 100) {
      await orm.em.fork().transactional(async (em) => {
        for (let k = i; k < Math.min(N, i + 100); k++) enqueue(em, Contract, { n: k });
      });
      relay.kick();
    }
    const commitMs = performance.now() - t1;
    await finished;
    const outboxMs = performance.now() - t1;
    await relayed;
    await consumer.stop();
    await relay.stop();
    return [
      { path: 'direct JetStream publish + raw consume (baseline)', events: N, ms: directMs, eventsPerSec: (N / directMs) * 1000, ratio: 1 },
      { path: 'outbox commit → relay → consumer with inbox', events: N, ms: outboxMs, eventsPerSec: (N / outboxMs) * 1000, ratio: directMs / outboxMs, commitMs, relayedMs },
    ];
  } finally {
    await jsm.streams.delete(stream).catch(() => undefined);
    await nc.close();
    await orm.close();
    await dropDatabase(databaseUrl, dbName);
  }
}
