// Every promise-form query settles through pg's callback form (ADR 62), against the real Postgres:
// the answers and the errors are what pg's own promise form gives, and other forms pass through.
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { createOrm, wrapPooledQueries } from './orm';

const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

type QueryFn = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/** A connected client as the pool hands it over, with every call to pg's own `query` recorded. */
async function connected(): Promise<{ client: pg.Client; calls: { callback: boolean }[] }> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  const calls: { callback: boolean }[] = [];
  const own = client.query as unknown as QueryFn;
  (client as unknown as { query: QueryFn }).query = function (this: pg.Client, config, values, callback) {
    calls.push({ callback: typeof values === 'function' || typeof callback === 'function' });
    return own.call(this, config, values, callback);
  };
  const pool = new EventEmitter();
  wrapPooledQueries(pool as never);
  pool.emit('connect', client);
  return { client, calls };
}

describe('wrapPooledQueries', () => {
  let client: pg.Client;
  let calls: { callback: boolean }[];
  beforeEach(async () => ({ client, calls } = await connected()));
  afterEach(() => client.end());

  it("answers a promise-form query with pg's result, asked through the callback form", async () => {
    const res = await client.query('select $1::int + 1 as n, repeat($2, 3) as s', [41, 'ab']);
    expect(res.rows).toEqual([{ n: 42, s: 'ababab' }]);
    expect(res.rowCount).toBe(1);
    expect(calls).toEqual([{ callback: true }]);
  });

  it("rejects with Postgres's error, its stack leading back to the caller", async () => {
    async function divideByZero() {
      return await client.query('select 1 / $1::int as n', [0]);
    }
    const err = (await divideByZero().catch((e: unknown) => e)) as Error & { code?: string };
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('22012');
    expect(err.stack).toContain('divideByZero');
    // The connection is still usable afterwards.
    expect((await client.query('select 2 as n')).rows).toEqual([{ n: 2 }]);
  });

  it('passes a call with a callback through as it is', async () => {
    const rows = await new Promise((resolve, reject) => client.query('select 3 as n', (err, res) => (err ? reject(err) : resolve(res.rows))));
    expect(rows).toEqual([{ n: 3 }]);
    expect(calls).toEqual([{ callback: true }]);
  });

  it('passes a submittable (a Query object) through, returning it', async () => {
    const submitted = new pg.Query('select 4 as n');
    const rows: unknown[] = [];
    submitted.on('row', (row: unknown) => rows.push(row));
    const returned = client.query(submitted as never) as unknown;
    expect(returned).toBe(submitted);
    await new Promise((resolve) => submitted.on('end', resolve));
    expect(rows).toEqual([{ n: 4 }]);
    expect(calls).toEqual([{ callback: false }]);
  });
});

describe('createOrm', () => {
  it("runs MikroORM's statements through it: answers and errors as before", async () => {
    const orm = await createOrm({ clientUrl: server, entities: [], migrations: [] });
    try {
      await expect(orm.em.fork().execute('select 5 as n')).resolves.toEqual([{ n: 5 }]);
      await expect(orm.em.fork().execute('select 1 / 0 as n')).rejects.toMatchObject({ code: '22012' });
      await expect(orm.em.fork().transactional((em) => em.execute('select 6 as n'))).resolves.toEqual([{ n: 6 }]);
    } finally {
      await orm.close();
    }
  });
});
