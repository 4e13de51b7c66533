import { natsName } from '@homi/contracts';
import { startTcpProxy } from '@homi/testing';
import type { EntityManager } from '@mikro-orm/postgresql';
import { jetstream } from '@nats-io/jetstream';
import {
  connectNats,
  DLQ_HEADERS,
  processOnce,
  publish,
  runConsumer,
  type ConsumedEvent,
} from '../src';
import { testContracts } from './support/contracts';
import { deadLettersOf } from './support/dead-letters';
import { consumerWorld } from './support/consumer-world';
import type { TestDb } from './support/db';
import { NATS_URL, sleep, uniqueSuffix, waitFor } from './support/env';
import { recordingLogger } from './support/logger';
import type { TestNats } from './support/nats';

const sfx = uniqueSuffix();
const PREFIX = `cons_${sfx}`;
const STREAM = `CONS_${sfx}`;
const { ThingCreated, ThingDeleted } = testContracts(PREFIX);

let db: TestDb;
let nats: TestNats;
const { handles, newDurable, settled } = consumerWorld(
  {
    // A short duplicate window lets a test put the same message id in the stream twice.
    name: 'consumer-test', stream: STREAM, subjects: [`${PREFIX}.>`], duplicateWindowMs: 100, durablePrefix: `cons_${sfx}`,
    schema: 'create table effects (id serial primary key, thing_id text not null)',
    cleared: ['effects', 'inbox'],
  },
  (started, connected) => ((db = started), (nats = connected)),
);

const effects = async () =>
  (await db.orm.em.getConnection().execute<Array<{ thing_id: string }>>('select thing_id from effects order by id')).map(
    (r) => r.thing_id,
  );

async function recordEffect(event: ConsumedEvent<{ thingId: string }>, em: EntityManager) {
  await em.execute('insert into effects (thing_id) values (?)', [event.data.thingId]);
}

type Thing = { thingId: string; n: number };

async function start(durable: string, handler: (event: ConsumedEvent<Thing>, em: EntityManager) => Promise<void>, extra = {}) {
  const handle = await runConsumer({
    js: nats.js,
    orm: db.orm,
    logger: recordingLogger(),
    stream: STREAM,
    durable,
    contracts: [ThingCreated, ThingDeleted],
    handler,
    backoffMs: [50],
    ...extra,
  });
  handles.push(handle);
  return handle;
}

describe('runConsumer', () => {
  it('stops only once every ack it sent is confirmed, though its slots went on without waiting for them', async () => {
    const durable = newDurable();
    const handled: string[] = [];
    const handle = await start(durable, async (event, em) => {
      handled.push(event.data.thingId);
      await recordEffect(event, em);
    }, { concurrency: 1 });
    for (let i = 0; i < 20; i++) await publish(nats.js, ThingCreated, { thingId: `s${i}`, n: i }, { msgId: `evt_stop_${i}_${sfx}` });
    await waitFor(async () => handled.length === 20);
    await handle.stop();
    // Nothing is left for the server to deliver again: every ack was confirmed before stop() returned.
    const info = await nats.jsm.consumers.info(STREAM, durable);
    expect([info.num_ack_pending, info.num_pending, info.num_redelivered]).toEqual([0, 0, 0]);
    expect(await effects()).toEqual(Array.from({ length: 20 }, (_, i) => `s${i}`));
  });

  it('hands each valid message to the handler with its data, id and subject', async () => {
    const seen: Array<Pick<ConsumedEvent, 'subject' | 'data' | 'id'>> = [];
    const durable = newDurable();
    await start(durable, async (event, em) => {
      seen.push({ subject: event.subject, data: event.data, id: event.id });
      await recordEffect(event, em);
    });
    await publish(nats.js, ThingCreated, { thingId: 'a', n: 1 }, { msgId: `evt_a_${sfx}` });
    await publish(nats.js, ThingDeleted, { thingId: 'b', n: 2 }, { msgId: `evt_b_${sfx}` });

    await waitFor(async () => (await effects()).length === 2);
    expect(seen).toEqual(
      expect.arrayContaining([
        { subject: ThingCreated.subject, data: { thingId: 'a', n: 1 }, id: `evt_a_${sfx}` },
        { subject: ThingDeleted.subject, data: { thingId: 'b', n: 2 }, id: `evt_b_${sfx}` },
      ]),
    );
  });

  it('has the effect of a message delivered twice with the same message id only once', async () => {
    let calls = 0;
    const durable = newDurable();
    const msgId = `evt_twice_${sfx}`;
    await publish(nats.js, ThingCreated, { thingId: 'twice', n: 1 }, { msgId });
    await sleep(250); // past the duplicate window: the stream now keeps both copies
    await publish(nats.js, ThingCreated, { thingId: 'twice', n: 1 }, { msgId });
    expect(await nats.count(STREAM, ThingCreated.subject)).toBeGreaterThanOrEqual(2);

    await start(durable, async (event, em) => {
      calls++;
      await recordEffect(event, em);
    });

    await waitFor(() => settled(durable));
    expect(calls).toBe(1);
    expect(await effects()).toEqual(['twice']);
  });

  it('shares the work between two replicas on one durable, each message handled once', async () => {
    const durable = newDurable();
    const byReplica: Record<string, number> = { a: 0, b: 0 };
    const replica = (name: string) => async (event: ConsumedEvent<Thing>, em: EntityManager) => {
      byReplica[name]!++;
      await sleep(2);
      await recordEffect(event, em);
    };
    await start(durable, replica('a'));
    await start(durable, replica('b'));
    const ids = Array.from({ length: 200 }, (_, n) => `r${n}`);
    await Promise.all(ids.map((id, n) => publish(nats.js, ThingCreated, { thingId: id, n }, { msgId: `evt_${id}_${sfx}` })));

    await waitFor(async () => (await effects()).length >= ids.length && (await settled(durable)), 20_000);
    expect((await effects()).sort()).toEqual([...ids].sort());
    expect(byReplica.a! + byReplica.b!).toBe(ids.length);
    expect(byReplica.a).toBeGreaterThan(0);
    expect(byReplica.b).toBeGreaterThan(0);
  });

  it('runs the work once when two deliveries of one message race each other', async () => {
    let calls = 0;
    const key = { consumer: `race_${sfx}`, messageId: 'evt_race', subject: ThingCreated.subject };
    const work = async (em: EntityManager) => {
      calls++;
      await sleep(150);
      await em.execute('insert into effects (thing_id) values (?)', ['race']);
    };

    const outcomes = await Promise.all([processOnce(db.orm.em, key, work), processOnce(db.orm.em, key, work)]);

    expect(outcomes.sort()).toEqual(['duplicate', 'handled']);
    expect(calls).toBe(1);
    expect(await effects()).toEqual(['race']);
  });

  it('dead-letters messages that can never parse, with the reason, and does not redeliver them', async () => {
    let calls = 0;
    const durable = newDurable();
    await start(durable, async () => {
      calls++;
    });
    await nats.js.publish(ThingCreated.subject, 'not json {', { msgID: `bad_json_${sfx}` });
    await nats.js.publish(ThingCreated.subject, JSON.stringify({ thingId: '' }), { msgID: `bad_shape_${sfx}` });
    await nats.js.publish(natsName.subject(`${PREFIX}.thing.renamed.v1`), JSON.stringify({ thingId: 'x', n: 1 }));

    await waitFor(async () => (await deadLettersOf(nats.jsm, durable)).length === 3);
    await sleep(300); // a redelivery would show up within the 50 ms backoff
    const letters = await deadLettersOf(nats.jsm, durable);
    const info = await nats.jsm.consumers.info(STREAM, durable);

    expect(calls).toBe(0);
    expect(letters).toHaveLength(3);
    expect(letters.map((m) => m.header.get(DLQ_HEADERS.reason)).sort()).toEqual([
      'invalid_json',
      'schema_mismatch',
      'unknown_subject',
    ]);
    const badJson = letters.find((m) => m.header.get(DLQ_HEADERS.reason) === 'invalid_json')!;
    expect(badJson.string()).toBe('not json {');
    expect(badJson.header.get(DLQ_HEADERS.subject)).toBe(ThingCreated.subject);
    expect(badJson.header.get(DLQ_HEADERS.consumer)).toBe(durable);
    expect(badJson.header.get(DLQ_HEADERS.stream)).toBe(STREAM);
    expect(Number(badJson.header.get(DLQ_HEADERS.sequence))).toBeGreaterThan(0);
    expect(badJson.header.get(DLQ_HEADERS.messageId)).toBe(`bad_json_${sfx}`);
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_pending).toBe(0);
    expect(info.num_redelivered).toBe(0);
  });

  it('dead-letters a message whose handler fails every time after maxDeliver deliveries, keeping none of its effects', async () => {
    let calls = 0;
    const durable = newDurable();
    await start(
      durable,
      async (event, em) => {
        calls++;
        await recordEffect(event, em);
        throw new Error('downstream refused');
      },
      { maxDeliver: 3, backoffMs: [20, 40] },
    );
    await publish(nats.js, ThingCreated, { thingId: 'doomed', n: 1 }, { msgId: `evt_doomed_${sfx}` });

    await waitFor(async () => (await deadLettersOf(nats.jsm, durable)).length === 1);
    await sleep(200);
    const [letter] = await deadLettersOf(nats.jsm, durable);

    expect(calls).toBe(3);
    expect(letter?.header.get(DLQ_HEADERS.reason)).toBe('handler_failed');
    expect(letter?.header.get(DLQ_HEADERS.deliveries)).toBe('3');
    expect(letter?.header.get(DLQ_HEADERS.detail)).toBe('downstream refused');
    expect(letter?.json()).toEqual({ thingId: 'doomed', n: 1 });
    expect(await effects()).toEqual([]);
    expect(await settled(durable)).toBe(true);
  });

  it('retries a failed message with backoff and keeps only the successful attempt', async () => {
    let calls = 0;
    const durable = newDurable();
    await start(durable, async (event, em) => {
      await recordEffect(event, em);
      if (++calls < 3) throw new Error('not yet');
    });
    await publish(nats.js, ThingCreated, { thingId: 'third-time', n: 1 }, { msgId: `evt_retry_${sfx}` });

    await waitFor(async () => (await effects()).length === 1);
    await waitFor(() => settled(durable));
    expect(calls).toBe(3);
    expect(await effects()).toEqual(['third-time']);
    expect(await deadLettersOf(nats.jsm, durable)).toEqual([]);
  });

  it('handles no more messages at once than its concurrency allows', async () => {
    let running = 0;
    let peak = 0;
    const durable = newDurable();
    await start(
      durable,
      async (event, em) => {
        peak = Math.max(peak, ++running);
        await sleep(30);
        await recordEffect(event, em);
        running--;
      },
      { concurrency: 3 },
    );
    for (let n = 0; n < 12; n++) {
      await publish(nats.js, ThingCreated, { thingId: `c${n}`, n }, { msgId: `evt_conc_${n}_${sfx}` });
    }

    await waitFor(async () => (await effects()).length === 12);
    expect(peak).toBe(3);
  });

  it('lets the handler in flight finish when stopped, and acknowledges it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started = false;
    const durable = newDurable();
    const handle = await start(durable, async (event, em) => {
      started = true;
      await gate;
      await recordEffect(event, em);
    });
    await publish(nats.js, ThingCreated, { thingId: 'in-flight', n: 1 }, { msgId: `evt_stop_${sfx}` });
    await waitFor(() => started);

    const stopped = handle.stop();
    await sleep(50);
    release();
    await stopped;

    expect(await effects()).toEqual(['in-flight']);
    await waitFor(() => settled(durable));
  });

  it('holds back during a database outage, dead-letters nothing, and catches up within seconds of its return', async () => {
    const proxy = await startTcpProxy(db.clientUrl);
    const orm = await db.ormVia(proxy.url);
    const logger = recordingLogger();
    const durable = newDurable();
    const handle = await runConsumer({
      js: nats.js, orm, logger, stream: STREAM, durable, contracts: [ThingCreated], handler: recordEffect,
      // Pausing ends the pull request, and a message the server had just sent it comes back only
      // after the ack wait; a short one keeps that case inside the wait below.
      ackWaitMs: 2_000,
    });
    const pauses = () => logger.entries.filter((e) => e.msg === 'consumer paused until its dependency answers').length;
    try {
      await publish(nats.js, ThingCreated, { thingId: 'before', n: 0 }, { msgId: `evt_dbbefore_${sfx}` });
      await waitFor(async () => (await effects()).length === 1);

      await proxy.down();
      const during = ['d1', 'd2', 'd3', 'd4', 'd5'];
      for (const [n, id] of during.entries()) await publish(nats.js, ThingCreated, { thingId: id, n }, { msgId: `evt_db${id}_${sfx}` });
      await waitFor(() => pauses() === 1);
      expect(await effects()).toEqual(['before']);
      // An outage of some seconds: with per-message backoff (1 s, 5 s, 30 s, ...) a message tried at
      // 0, 1 and 6 s was next tried only at 36 s, long after the database was back.
      await sleep(6_500);
      expect(await effects()).toEqual(['before']);

      await proxy.up();
      await waitFor(async () => (await effects()).length === 6, 8_000);
      expect((await effects()).sort()).toEqual(['before', ...during]);
      expect(await deadLettersOf(nats.jsm, durable)).toEqual([]);
      expect(pauses()).toBe(1);
      expect(logger.entries.filter((e) => e.msg === 'handler failed')).toEqual([]);
    } finally {
      await handle.stop();
      await orm.close(true);
      await proxy.close();
    }
  });

  it('keeps consuming once its NATS connection comes back after an outage', async () => {
    const proxy = await startTcpProxy(NATS_URL);
    const nc = await connectNats({ url: proxy.url, name: 'consumer-outage', reconnectTimeWaitMs: 100 });
    const durable = newDurable();
    const handle = await runConsumer({
      js: jetstream(nc),
      orm: db.orm,
      logger: recordingLogger(),
      stream: STREAM,
      durable,
      contracts: [ThingCreated],
      handler: recordEffect,
      // The server (2.9) may hand a message published during the outage to the pull request the
      // dropped connection left behind; it counts as delivered and comes back only after the ack
      // wait. A short one keeps that path inside the wait below (it took 30 s with the default,
      // one run in about ten).
      ackWaitMs: 2_000,
    });
    try {
      await publish(nats.js, ThingCreated, { thingId: 'before', n: 1 }, { msgId: `evt_before_${sfx}` });
      await waitFor(async () => (await effects()).length === 1);

      await proxy.down();
      await publish(nats.js, ThingCreated, { thingId: 'during', n: 2 }, { msgId: `evt_during_${sfx}` });
      await sleep(500);
      expect(await effects()).toEqual(['before']);

      await proxy.up();
      await waitFor(async () => (await effects()).length === 2, 20_000);
      expect(await effects()).toEqual(['before', 'during']);
    } finally {
      await handle.stop();
      await nc.close();
      await proxy.close();
    }
  });
});
