import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { startTcpProxy } from '@homi/testing';
import { connectNats, enqueue, OutboxRelay } from '../src';
import { testContracts } from './support/contracts';
import { createTestDb, type TestDb } from './support/db';
import { NATS_URL, sleep, uniqueSuffix, waitFor } from './support/env';
import { recordingLogger } from './support/logger';
import { createTestNats, type TestNats } from './support/nats';

const sfx = uniqueSuffix();
const PREFIX = `relay_${sfx}`;
const STREAM = `RELAY_${sfx}`;
const { ThingCreated } = testContracts(PREFIX);
const thing = (n: number) => ({ thingId: `thing-${n}`, n });

let db: TestDb;
let nats: TestNats;

beforeAll(async () => {
  db = await createTestDb();
  nats = await createTestNats('outbox-relay-test');
  await nats.stream(STREAM, [`${PREFIX}.>`]);
});

afterEach(async () => {
  await db.orm.em.getConnection().execute('delete from outbox');
  await nats.jsm.streams.purge(STREAM);
});

afterAll(async () => {
  await nats?.close();
  await db?.close();
});

async function enqueueCommitted(count: number, perTransaction = 50): Promise<void> {
  for (let start = 0; start < count; start += perTransaction) {
    await db.orm.em.fork().transactional(async (em) => {
      for (let n = start; n < Math.min(count, start + perTransaction); n++) enqueue(em, ThingCreated, thing(n));
    });
  }
}

/** Wraps a JetStream client so that every publish is counted per message id. */
function countingPublisher(js: JetStreamClient) {
  const perId = new Map<string, number>();
  return {
    perId,
    publish: ((subject, payload, options) => {
      if (options?.msgID) perId.set(options.msgID, (perId.get(options.msgID) ?? 0) + 1);
      return js.publish(subject, payload, options);
    }) as JetStreamClient['publish'],
  };
}

describe('OutboxRelay', () => {
  it('publishes nothing for an enqueue whose transaction rolls back', async () => {
    const failing = db.orm.em.fork().transactional(async (em) => {
      enqueue(em, ThingCreated, thing(1));
      await em.flush();
      throw new Error('use case failed');
    });
    await expect(failing).rejects.toThrow('use case failed');

    const result = await new OutboxRelay(db.orm, nats.js, recordingLogger()).runBatch();

    expect(result).toEqual({ published: 0, failed: 0, outage: false });
    expect(await db.outboxRows()).toEqual([]);
    expect(await nats.count(STREAM)).toBe(0);
  });

  it('relays a committed enqueue exactly once, with the outbox id as Nats-Msg-Id', async () => {
    let id = '';
    await db.orm.em.fork().transactional(async (em) => {
      id = enqueue(em, ThingCreated, thing(7)).id;
    });
    const relay = new OutboxRelay(db.orm, nats.js, recordingLogger(), { pollIntervalMs: 20 });
    relay.start();
    relay.kick();
    await waitFor(async () => (await db.outboxRows())[0]?.published_at != null);
    await sleep(200); // several more polls: nothing may go out twice
    await relay.stop();

    expect(await nats.count(STREAM)).toBe(1);
    const stored = await nats.jsm.streams.getMessage(STREAM, { last_by_subj: ThingCreated.subject });
    expect(stored?.header.get('Nats-Msg-Id')).toBe(id);
    expect(stored?.json()).toEqual(thing(7));
  });

  it('publishes each row once when two relays work the same table at the same time', async () => {
    await enqueueCommitted(300);
    const counter = countingPublisher(nats.js);
    const relays = [1, 2].map(
      () => new OutboxRelay(db.orm, counter, recordingLogger(), { batchSize: 20, pollIntervalMs: 10 }),
    );

    const firstRound = await Promise.all(
      relays.map((r) => Promise.all([r.runBatch(), r.runBatch(), r.runBatch()])),
    );
    relays.forEach((r) => r.start());
    await waitFor(async () => (await db.outboxRows()).every((r) => r.published_at !== null));
    await Promise.all(relays.map((r) => r.stop()));

    // Six transactions at once, each claiming 20 rows of its own (a blocked claim would come back short).
    const claimed = firstRound.map((batches) => batches.reduce((sum, b) => sum + b.published, 0));
    expect(claimed).toEqual([60, 60]);
    expect(counter.perId.size).toBe(300);
    expect([...counter.perId.values()].every((times) => times === 1)).toBe(true);
    expect(await nats.count(STREAM)).toBe(300);
  });

  it('keeps rows while NATS is unreachable and publishes each once when it is back', async () => {
    const proxy = await startTcpProxy(NATS_URL);
    const nc = await connectNats({ url: proxy.url, name: 'outbox-relay-outage', reconnectTimeWaitMs: 100 });
    const logger = recordingLogger();
    const relay = new OutboxRelay(db.orm, jetstream(nc), logger, {
      pollIntervalMs: 20,
      maxBackoffMs: 200,
      publishTimeoutMs: 250,
    });
    try {
      await proxy.down();
      await enqueueCommitted(5);
      relay.start();
      await waitFor(async () => (await db.outboxRows()).some((r) => r.attempts >= 2));
      relay.kick();
      await sleep(300);

      expect((await db.outboxRows()).every((r) => r.published_at === null)).toBe(true);
      expect(await nats.count(STREAM)).toBe(0);
      expect(logger.entries.some((e) => e.msg === 'outbox publish failed')).toBe(true);

      await proxy.up();
      await waitFor(async () => (await db.outboxRows()).every((r) => r.published_at !== null), 15_000);
      expect(await nats.count(STREAM)).toBe(5);
    } finally {
      await relay.stop();
      await nc.close();
      await proxy.close();
    }
  });

  it('survives a closed NATS connection without losing or crashing on a row', async () => {
    const nc = await connectNats({ url: NATS_URL, name: 'outbox-relay-closed' });
    const js = jetstream(nc);
    await nc.close();
    await enqueueCommitted(3);
    const logger = recordingLogger();
    const relay = new OutboxRelay(db.orm, js, logger, { pollIntervalMs: 10, maxBackoffMs: 50 });

    relay.start();
    await waitFor(async () => (await db.outboxRows()).some((r) => r.attempts >= 3));
    await relay.stop();
    const rows = await db.outboxRows();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.published_at === null)).toBe(true);

    // The same rows go out through a working connection.
    const result = await new OutboxRelay(db.orm, nats.js, logger).runBatch();
    expect(result.published).toBe(3);
    expect(await nats.count(STREAM)).toBe(3);
  });

  it('goes past a row that cannot be published to the rows behind it', async () => {
    await enqueueCommitted(3);
    const [poison] = await db.outboxRows();
    const publisher: Pick<JetStreamClient, 'publish'> = {
      publish: (subject, payload, options) =>
        options?.msgID === poison!.id ? Promise.reject(new Error('rejected')) : nats.js.publish(subject, payload, options),
    };

    const result = await new OutboxRelay(db.orm, publisher, recordingLogger()).runBatch();

    expect(result).toEqual({ published: 2, failed: 1, outage: false });
    const rows = await db.outboxRows();
    expect(rows.find((r) => r.id === poison!.id)).toMatchObject({ published_at: null, attempts: 1 });
  });

  it('deletes published rows once they are older than the retention', async () => {
    await enqueueCommitted(3);
    const relay = new OutboxRelay(db.orm, nats.js, recordingLogger(), { retentionMs: 60_000 });
    await relay.runBatch();
    await enqueueCommitted(1);

    expect(await relay.deleteExpired(Date.now())).toBe(0);
    expect(await relay.deleteExpired(Date.now() + 61_000)).toBe(3);
    const left = await db.outboxRows();
    expect(left).toHaveLength(1);
    expect(left[0]?.published_at).toBeNull();
  });
});

/** A started relay whose batches are counted, once its start's first batch has run. */
async function startedRelay(pollIntervalMs: number) {
  const relay = new OutboxRelay(db.orm, nats.js, recordingLogger(), { pollIntervalMs });
  const batches = jest.spyOn(relay, 'runBatch');
  relay.start();
  await waitFor(() => batches.mock.calls.length === 1);
  return { relay, batches };
}

describe('OutboxRelay polling', () => {
  it('opens no transaction while nothing is due, and still publishes a row no commit of its own kicked it for', async () => {
    // The start's first turn expects rows and runs a batch; the polls after it only look.
    const { relay, batches } = await startedRelay(10);
    try {
      await sleep(200);
      expect(batches).toHaveBeenCalledTimes(1);

      // A row another replica committed (written here without the commit hook: plain SQL, no kick).
      await db.orm.em.getConnection().execute(
        `insert into outbox (id, subject, payload, headers, created_at) values (?, ?, ?::jsonb, '{}'::jsonb, now())`,
        ['evt_polled', ThingCreated.subject, JSON.stringify(thing(7))],
      );
      await waitFor(async () => (await db.outboxRows()).every((row) => row.published_at !== null), 5_000, 10);
      expect(batches.mock.calls.length).toBeGreaterThanOrEqual(2);
      expect((await nats.jsm.streams.info(STREAM)).state.messages).toBe(1);
    } finally {
      await relay.stop();
    }
  });
});

describe('OutboxRelay kicked by commits', () => {
  it('publishes what a commit wrote at once, without its poll, and runs no batch for a commit that wrote nothing', async () => {
    // A poll of a minute: only the start's first turn and the kicks run batches in this test.
    const { relay, batches } = await startedRelay(60_000);
    try {
      await sleep(50);
      await db.orm.em.fork().transactional(async (em) => {
        await em.getConnection().execute('select 1', [], 'all', em.getTransactionContext());
      });
      await sleep(100);
      expect(batches).toHaveBeenCalledTimes(1);

      const started = Date.now();
      await db.orm.em.fork().transactional(async (em) => {
        enqueue(em, ThingCreated, thing(1));
        enqueue(em, ThingCreated, thing(2));
      });
      // Published, and marked so in the same turn (the mark commits after the PubAcks are back).
      const marked = async () => {
        const rows = await db.outboxRows();
        return rows.length === 2 && rows.every((row) => row.published_at !== null);
      };
      await waitFor(async () => (await nats.jsm.streams.info(STREAM)).state.messages === 2 && (await marked()), 5_000, 10);
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(batches.mock.calls.length).toBeGreaterThanOrEqual(2);
    } finally {
      await relay.stop();
    }
    // A stopped relay is kicked no more.
    const before = batches.mock.calls.length;
    await db.orm.em.fork().transactional(async (em) => void enqueue(em, ThingCreated, thing(3)));
    await sleep(100);
    expect(batches).toHaveBeenCalledTimes(before);
  });
});
