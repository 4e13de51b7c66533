import { nanos } from '@nats-io/nats-core';
import { DEAD_LETTER_MAX_AGE_MS, DEAD_LETTER_STREAM, ensureDeadLetterStream, ensureStream, pruneRedeliverableInbox, startMessagingRetention } from '../src';
import { createTestDb, type TestDb } from './support/db';
import { uniqueSuffix, waitFor } from './support/env';
import { recordingLogger } from './support/logger';
import { createTestNats, type TestNats } from './support/nats';

const sfx = uniqueSuffix();
const KEPT = `RET_${sfx}`;
const FOREVER = `RETF_${sfx}`;
const SHORT = `RETS_${sfx}`;
const HOUR = 3600_000;
const MINUTE = 60_000;
let nats: TestNats;
let db: TestDb;

beforeAll(async () => {
  nats = await createTestNats('retention-test');
  db = await createTestDb();
  await ensureStream(nats.jsm, { name: KEPT, subjects: [`ret_${sfx}.>`], maxAgeMs: HOUR, duplicateWindowMs: 2 * MINUTE });
  await ensureStream(nats.jsm, { name: FOREVER, subjects: [`retf_${sfx}.>`] });
});

afterAll(async () => {
  for (const s of [KEPT, FOREVER, SHORT]) await nats.jsm.streams.delete(s).catch(() => false);
  await nats?.close();
  await db?.close();
});

const NOW = new Date('2030-01-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

async function seedInbox(rows: Array<[string, Date]>): Promise<void> {
  const conn = db.orm.em.getConnection();
  await conn.execute('delete from inbox');
  for (const [id, at] of rows) await conn.execute(`insert into inbox (consumer, message_id, subject, received_at) values ('c', ?, 's', ?)`, [id, at]);
}
const inboxIds = async () => (await db.orm.em.getConnection().execute<{ message_id: string }[]>('select message_id from inbox order by message_id')).map((r) => r.message_id);

describe('stream max age', () => {
  it('is applied to an existing stream in place, and a spec without one leaves it as it is', async () => {
    const name = `RETU_${sfx}`;
    const created = await ensureStream(nats.jsm, { name, subjects: [`retu_${sfx}.>`] });
    expect(created.config.max_age).toBe(0);
    await nats.js.publish(`retu_${sfx}.a`, new Uint8Array([1]));

    const updated = await ensureStream(nats.jsm, { name, subjects: [`retu_${sfx}.>`], maxAgeMs: 30 * 24 * HOUR });
    const untouched = await ensureStream(nats.jsm, { name, subjects: [`retu_${sfx}.>`] });
    await nats.jsm.streams.delete(name);

    expect(updated.config.max_age).toBe(nanos(30 * 24 * HOUR));
    expect(updated.created).toEqual(created.created);
    expect(updated.state.messages).toBe(1);
    expect(untouched.config.max_age).toBe(nanos(30 * 24 * HOUR));
  });

  it('drops a message once it is older than the max age, so it can no longer be redelivered', async () => {
    await ensureStream(nats.jsm, { name: SHORT, subjects: [`rets_${sfx}.>`], maxAgeMs: 1_000, duplicateWindowMs: 500 });
    await nats.js.publish(`rets_${sfx}.a`, new Uint8Array([1]));
    expect(await nats.count(SHORT)).toBe(1);
    await waitFor(async () => (await nats.count(SHORT)) === 0, 10_000, 200);
  });

  it('keeps dead letters for 30 days', async () => {
    const info = await ensureDeadLetterStream(nats.jsm);
    expect(info.config.name).toBe(DEAD_LETTER_STREAM.name);
    expect(info.config.max_age).toBe(nanos(DEAD_LETTER_MAX_AGE_MS));
    expect(DEAD_LETTER_MAX_AGE_MS).toBe(30 * 24 * HOUR);
  });
});

describe('inbox pruning', () => {
  it('forgets only rows older than the stream max age plus its duplicate window, and a second run nothing more', async () => {
    await seedInbox([['old-1', ago(2 * HOUR)], ['old-2', ago(HOUR + 3 * MINUTE)], ['in-window', ago(HOUR + MINUTE)], ['fresh', ago(MINUTE)]]);
    const first = await pruneRedeliverableInbox({ orm: db.orm, jsm: nats.jsm, streams: [KEPT], clock: () => NOW });
    const second = await pruneRedeliverableInbox({ orm: db.orm, jsm: nats.jsm, streams: [KEPT], clock: () => NOW });

    expect(first).toEqual({ cutoff: ago(HOUR + 2 * MINUTE), deleted: 2 });
    expect(second.deleted).toBe(0);
    expect(await inboxIds()).toEqual(['fresh', 'in-window']);
  });

  it('forgets nothing while one of the streams keeps messages without limit, or does not exist', async () => {
    await seedInbox([['ancient', ago(1000 * 24 * HOUR)]]);
    expect(await pruneRedeliverableInbox({ orm: db.orm, jsm: nats.jsm, streams: [KEPT, FOREVER], clock: () => NOW })).toEqual({ deleted: 0 });
    expect(await pruneRedeliverableInbox({ orm: db.orm, jsm: nats.jsm, streams: [KEPT, `NOPE_${sfx}`], clock: () => NOW })).toEqual({ deleted: 0 });
    expect(await inboxIds()).toEqual(['ancient']);
  });

  it('deletes in batches, and two replicas at once delete each row once', async () => {
    const old = Array.from({ length: 25 }, (_, i) => [`m-${String(i).padStart(2, '0')}`, ago(3 * HOUR)] as [string, Date]);
    await seedInbox([...old, ['fresh', NOW]]);
    const opts = { orm: db.orm, jsm: nats.jsm, streams: [KEPT], clock: () => NOW, batchSize: 4 };
    const [a, b] = await Promise.all([pruneRedeliverableInbox(opts), pruneRedeliverableInbox(opts)]);

    expect(a.deleted + b.deleted).toBe(25);
    expect(await inboxIds()).toEqual(['fresh']);
  });

  it('runs on a schedule once started, and stops', async () => {
    await seedInbox([['old', ago(3 * HOUR)], ['fresh', NOW]]);
    const logger = recordingLogger();
    const job = startMessagingRetention({ orm: db.orm, jsm: nats.jsm, logger, streams: [KEPT], clock: () => NOW, intervalMs: 50 });
    await waitFor(async () => (await inboxIds()).length === 1);
    await job.stop();

    expect(await inboxIds()).toEqual(['fresh']);
    expect(logger.entries.find((e) => e.msg === 'inbox rows forgotten')?.obj).toMatchObject({ deleted: 1 });
  });
});
