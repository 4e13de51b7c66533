// Outbox relay throughput end to end: rows committed to the outbox → relay → JetStream → a
// durable consumer with an idempotent inbox. Baseline in the same run: the same number of
// messages published straight to JetStream (no database, no inbox) and consumed raw.
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
    // Baseline: direct JetStream publish (awaiting acks 64 at a time) + raw pull consumption.
    const t0 = performance.now();
    for (let i = 0; i < N; i += 64) {
      await Promise.all(Array.from({ length: Math.min(64, N - i) }, (_, k) => publish(js, Contract, { n: i + k }, { msgId: `direct-${tag}-${i + k}` })));
    }
    const raw = await jsm.consumers.add(stream, { ack_policy: AckPolicy.None, deliver_policy: DeliverPolicy.All });
    const rawConsumer = await js.consumers.get(stream, raw.name);
    let seen = 0;
    while (seen < N) {
      const batch = await rawConsumer.fetch({ max_messages: 1000, expires: 2000 });
      for await (const _m of batch) seen++;
    }
    const directMs = performance.now() - t0;
    await jsm.streams.purge(stream);

    // Outbox: commit rows in transactions of 100, relay them, consume with the inbox.
    const t1 = performance.now();
    for (let i = 0; i < N; i += 100) {
      await orm.em.fork().transactional(async (em) => {
        for (let k = i; k < Math.min(N, i + 100); k++) enqueue(em, Contract, { n: k });
      });
    }
    const commitMs = performance.now() - t1;
    const relay = new OutboxRelay(orm, js, silent, { batchSize: 500, pollIntervalMs: 20 });
    let received = 0;
    let done;
    const finished = new Promise((r) => (done = r));
    const consumer = await runConsumer({
      js, orm, logger: silent, stream, durable: `bench-${tag}`, contracts: [Contract], concurrency: 16,
      handler: async () => { if (++received === N) done(); },
    });
    relay.start();
    let relayedMs = 0;
    while (!relayedMs) {
      const info = await jsm.streams.info(stream);
      if (info.state.messages >= N) relayedMs = performance.now() - t1;
      else await new Promise((r) => setTimeout(r, 10));
    }
    await finished;
    const outboxMs = performance.now() - t1;
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
