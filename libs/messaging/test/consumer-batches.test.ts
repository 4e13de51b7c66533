import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, publish, runConsumer, type ConsumedEvent } from '../src';
import { testContracts } from './support/contracts';
import { deadLettersOf } from './support/dead-letters';
import { consumerWorld } from './support/consumer-world';
import type { TestDb } from './support/db';
import { uniqueSuffix, waitFor } from './support/env';
import { recordingLogger } from './support/logger';
import type { TestNats } from './support/nats';

// Messages that arrive together are handled in one transaction per batch (ADR 48): what that may
// never change is that each effect happens once, that a failed batch leaves nothing behind, and
// that a message is acknowledged only once its effects are committed.
const sfx = uniqueSuffix();
const PREFIX = `batch_${sfx}`;
const STREAM = `BATCH_${sfx}`;
const { ThingCreated } = testContracts(PREFIX);
type Thing = { thingId: string; n: number };

let db: TestDb;
let nats: TestNats;
const { handles, newDurable, settled } = consumerWorld(
  {
    name: 'consumer-batches-test', stream: STREAM, subjects: [`${PREFIX}.>`], durablePrefix: `batch_${sfx}`,
    schema: 'create table batch_effects (id serial primary key, thing_id text not null, tx bigint not null)',
    cleared: ['batch_effects', 'inbox', 'outbox'],
  },
  (started, connected) => ((db = started), (nats = connected)),
);

async function recordEffect(event: ConsumedEvent<Thing>, em: EntityManager) {
  await em.execute('insert into batch_effects (thing_id, tx) values (?, txid_current())', [event.data.thingId]);
}

const rows = <T>(sql: string) => db.orm.em.getConnection().execute<T[]>(sql);
const effects = async () => (await rows<{ thing_id: string }>('select thing_id from batch_effects order by id')).map((r) => r.thing_id);

/** Publishes `count` things before any consumer runs, so that they arrive together. */
async function publishThings(count: number, tag: string): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, n) => `${tag}${n}`);
  await Promise.all(ids.map((id, n) => publish(nats.js, ThingCreated, { thingId: id, n }, { msgId: `evt_${id}_${sfx}` })));
  return ids;
}

async function start(durable: string, handler: (event: ConsumedEvent<Thing>, em: EntityManager) => Promise<void>, extra = {}) {
  const handle = await runConsumer({ js: nats.js, orm: db.orm, logger: recordingLogger(), stream: STREAM, durable, contracts: [ThingCreated], handler, backoffMs: [50], ...extra });
  handles.push(handle);
  return handle;
}

describe('runConsumer with batches', () => {
  it('handles messages that arrive together in shared transactions, each effect once and each message acknowledged', async () => {
    const durable = newDurable();
    const ids = await publishThings(60, 'b');

    await start(durable, recordEffect, { concurrency: 2, batchSize: 16 });

    await waitFor(async () => (await effects()).length === ids.length && (await settled(durable)));
    expect((await effects()).sort()).toEqual([...ids].sort());
    const [txs] = await rows<{ n: number }>('select count(distinct tx)::int as n from batch_effects');
    expect(txs?.n).toBeLessThan(ids.length / 2);
    const [inbox] = await rows<{ n: number }>(`select count(*)::int as n from inbox where consumer = '${durable}'`);
    expect(inbox?.n).toBe(ids.length);
  });

  it('rolls back the whole batch when one handler fails, then handles the others once and dead-letters only the failing one', async () => {
    const durable = newDurable();
    const ids = await publishThings(20, 'f');
    const poison = ids[7]!;
    const calls = new Map<string, number>();

    await start(
      durable,
      async (event, em) => {
        calls.set(event.data.thingId, (calls.get(event.data.thingId) ?? 0) + 1);
        await recordEffect(event, em);
        if (event.data.thingId === poison) throw new Error('downstream refused');
      },
      { batchSize: 32, maxDeliver: 2 },
    );

    await waitFor(async () => (await deadLettersOf(nats.jsm, durable)).length === 1 && (await settled(durable)));
    expect((await effects()).sort()).toEqual(ids.filter((id) => id !== poison).sort());
    // Batch-mates ran in the rolled-back batch and once more alone, yet each left one effect.
    expect([...calls].some(([id, n]) => id !== poison && n === 2)).toBe(true);
    expect(calls.get(poison)).toBe(3);
    const inbox = await rows<{ message_id: string }>(`select message_id from inbox where consumer = '${durable}'`);
    expect(inbox).toHaveLength(ids.length - 1);
    expect(inbox.map((r) => r.message_id)).not.toContain(`evt_${poison}_${sfx}`);
  });

  it('calls afterCommit with the transaction its handlers were given, once their effects are committed, and never for a rolled-back one', async () => {
    const durable = newDurable();
    const ids = await publishThings(12, 'a');
    const given = new Set<EntityManager>();
    const reported: { tx: EntityManager; committed: Promise<number> }[] = [];
    const afterCommit = (tx: EntityManager) => reported.push({ tx, committed: effects().then((e) => e.length) });
    await start(durable, async (event, em) => {
      given.add(em);
      await recordEffect(event, em);
    }, { batchSize: 4, afterCommit });
    await waitFor(async () => (await effects()).length === ids.length && (await settled(durable)));
    expect(new Set(reported.map((r) => r.tx))).toEqual(given);
    // Read from another connection when afterCommit ran: the transaction's effects were there.
    for (const r of reported) expect(await r.committed).toBeGreaterThan(0);

    // A durable of its own reads the stream from the start; its handler refuses one message for good.
    const failing = newDurable();
    const [refused] = await publishThings(1, 'x');
    const refusedIn = new Set<EntityManager>();
    const committedTxs = new Set<EntityManager>();
    await start(failing, async (event, em) => {
      if (event.data.thingId !== refused) return;
      refusedIn.add(em);
      throw new Error('refused');
    }, { maxDeliver: 2, batchSize: 4, afterCommit: (tx: EntityManager) => committedTxs.add(tx) });
    await waitFor(async () => (await deadLettersOf(nats.jsm, failing)).length === 1 && (await settled(failing)));
    expect(refusedIn.size).toBeGreaterThan(0);
    expect([...refusedIn].filter((tx) => committedTxs.has(tx))).toEqual([]);
    expect(committedTxs.size).toBeGreaterThan(0);
  });

  it('kicks the relay after a commit whose handlers enqueued events, and only then', async () => {
    const { ThingCreated: FollowUp } = testContracts(`${PREFIX}_followup`);
    let kicks = 0;
    const relay = { kick: () => void kicks++ };
    const quiet = newDurable();
    await publishThings(5, 'q');
    await start(quiet, recordEffect, { relay });
    await waitFor(() => settled(quiet));
    expect(kicks).toBe(0);

    const loud = newDurable();
    await start(loud, async (event, em) => void enqueue(em, FollowUp, event.data), { relay });
    await waitFor(() => settled(loud));
    expect(kicks).toBeGreaterThan(0);
    const [outbox] = await rows<{ n: number }>('select count(*)::int as n from outbox');
    expect(outbox?.n).toBe(5);
  });

  it('calls beforeCommit once per transaction, after its handlers and inside it: its writes commit with theirs, and its failure rolls them back', async () => {
    // Each transaction's handlers gather their things; beforeCommit writes them in one row.
    const gathered = new Map<EntityManager, string[]>();
    const gather = async (event: ConsumedEvent<Thing>, em: EntityManager) => void gathered.set(em, [...(gathered.get(em) ?? []), event.data.thingId]);
    const writeGathered = async (tx: EntityManager) => {
      await tx.execute('insert into batch_effects (thing_id, tx) values (?, txid_current())', [gathered.get(tx)!.sort().join(',')]);
    };
    const durable = newDurable();
    const ids = await publishThings(40, 'g');
    await start(durable, gather, { concurrency: 2, batchSize: 8, beforeCommit: writeGathered });
    await waitFor(async () => (await effects()).length > 0 && (await settled(durable)));
    const written = await effects();
    // One row per transaction, every thing in exactly one of them, and fewer rows than things.
    expect(written.flatMap((row) => row.split(',')).sort()).toEqual([...ids].sort());
    expect(written.length).toBe(gathered.size);
    expect(written.length).toBeLessThan(ids.length);

    // A beforeCommit that fails rolls its transaction back, inbox rows included: nothing is handled.
    const failing = newDurable();
    await start(failing, recordEffect, { maxDeliver: 2, beforeCommit: async () => { throw new Error('cannot write the batch'); } });
    await waitFor(async () => (await deadLettersOf(nats.jsm, failing)).length === ids.length && (await settled(failing)));
    expect(await effects()).toEqual(written);
    const [inbox] = await rows<{ n: number }>(`select count(*)::int as n from inbox where consumer = '${failing}'`);
    expect(inbox?.n).toBe(0);
  });
});
