import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue } from '../src';
import { hasEnqueued } from '../src/outbox';
import { testContracts } from './support/contracts';
import { createTestDb, type TestDb } from './support/db';
import { uniqueSuffix } from './support/env';

// ADR 69: what a transaction enqueues is written with one statement just before its COMMIT (or its
// savepoint's release), and with nothing of it when it rolls back.
const { ThingCreated, ThingDeleted } = testContracts(`write_${uniqueSuffix()}`);
const thing = (n: number) => ({ thingId: `thing-${n}`, n });
/** What an array parameter must carry through untouched: quotes, backslashes, braces, commas, NULL, non-ASCII. */
const awkward = { thingId: 'Anna "de" Vries \\ {a,b} NULL é 😀', n: 2 };

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb();
});
afterEach(async () => {
  await db.orm.em.getConnection().execute('delete from outbox');
});
afterAll(async () => {
  await db?.close();
});

const rowsIn = (em: EntityManager) =>
  em.getConnection().execute<Array<{ id: string }>>('select id from outbox', [], 'all', em.getTransactionContext());

describe('enqueue in a transaction', () => {
  it('writes every row at the commit, with its payload, trace headers, time and order', async () => {
    const before = new Date();
    const ids = await db.orm.em.fork().transactional(async (em) => {
      const enqueued = [enqueue(em, ThingCreated, thing(1)), enqueue(em, ThingDeleted, awkward), enqueue(em, ThingCreated, thing(3))];
      expect(hasEnqueued(em)).toBe(true);
      // Nothing is written before the commit, not even by a flush.
      await em.flush();
      expect(await rowsIn(em)).toEqual([]);
      return enqueued.map((row) => row.id);
    });
    const rows = await db.orm.em.getConnection().execute<Array<Record<string, unknown>>>(
      'select id, subject, payload, headers, created_at, published_at, attempts from outbox order by created_at, id',
    );
    expect(rows.map((r) => r.id)).toEqual(ids);
    expect(rows.map((r) => r.subject)).toEqual([ThingCreated.subject, ThingDeleted.subject, ThingCreated.subject]);
    expect(rows[1]).toMatchObject({ payload: awkward, headers: {}, published_at: null, attempts: 0 });
    expect(new Date(rows[0]!.created_at as string).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
  });

  it('writes nothing when the transaction rolls back', async () => {
    const failed = db.orm.em.fork().transactional(async (em) => {
      enqueue(em, ThingCreated, thing(1));
      throw new Error('use case failed');
    });
    await expect(failed).rejects.toThrow('use case failed');
    expect(await db.outboxRows()).toEqual([]);
  });

  it('keeps the rows of a savepoint that is released and drops those of one rolled back', async () => {
    await db.orm.em.fork().transactional(async (em) => {
      enqueue(em, ThingCreated, thing(1));
      await em.transactional(async (inner) => {
        enqueue(inner, ThingCreated, thing(2));
      });
      await em.transactional(async (inner) => {
        enqueue(inner, ThingCreated, thing(3));
        throw new Error('inner step failed');
      }).catch(() => undefined);
    });
    const payloads = await db.orm.em.getConnection().execute<Array<{ n: number }>>("select (payload->>'n')::int as n from outbox order by n");
    expect(payloads.map((r) => r.n)).toEqual([1, 2]);
  });

  it('says nothing was enqueued in a transaction that enqueued nothing', async () => {
    await db.orm.em.fork().transactional(async (em) => {
      expect(hasEnqueued(em)).toBe(false);
    });
    expect(await db.outboxRows()).toEqual([]);
  });
});
