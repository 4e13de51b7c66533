// Every promise-form query settles through pg's callback form (ADR 62), against the real Postgres:
// the answers and the errors are what pg's own promise form gives, and other forms pass through.
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { createOrm, queryEach, sendWithNext, wrapPooledQueries, sendWithNextOn } from './orm';
import { perTransaction } from './written-at-commit';
import type { Kysely } from '@mikro-orm/postgresql';

const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

type QueryFn = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/** A connected client as the pool hands it over, with every call to pg's own `query` recorded. */
async function connected(): Promise<{ client: pg.Client; calls: { callback: boolean }[]; pool: EventEmitter }> {
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
  return { client, calls, pool };
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

describe('wrapPooledQueries: a transaction opens with its first statement (ADR 73)', () => {
  let client: pg.Client;
  let calls: { callback: boolean }[];
  let pool: EventEmitter;
  const sent = () => calls.length;
  beforeEach(async () => {
    ({ client, calls, pool } = await connected());
    await client.query('create temporary table kept (n int)');
    calls.length = 0;
  });
  afterEach(() => client.end());
  const kept = async () => (await client.query('select coalesce(array_agg(n order by n), array[]::int[]) as n from kept')).rows[0].n as number[];

  it('sends begin in the same query as the statement after it, whose answer the caller gets', async () => {
    await expect(client.query('begin')).resolves.toMatchObject({ command: 'BEGIN', rows: [] });
    expect(sent()).toBe(0);
    // current_query() is the text of the query Postgres is running: begin went out with the select.
    const res = await client.query('select current_query() as q, 7 as n', []);
    expect(sent()).toBe(1);
    expect(res.rows).toEqual([{ q: expect.stringMatching(/^begin;\s*select current_query\(\)/), n: 7 }]);
    expect(res.rowCount).toBe(1);
    const inserted = await client.query('insert into kept values (1), (2) returning n');
    expect(inserted).toMatchObject({ command: 'INSERT', rowCount: 2, rows: [{ n: 1 }, { n: 2 }] });
    await client.query('rollback');
    expect(await kept()).toEqual([]);
  });

  it('keeps every statement inside the transaction: a commit keeps them, a rollback none', async () => {
    await client.query('begin');
    await client.query('insert into kept values (1)');
    await client.query('commit');
    await client.query('start transaction isolation level repeatable read');
    await client.query('insert into kept values (2)');
    expect((await client.query("select current_setting('transaction_isolation') as level")).rows).toEqual([{ level: 'repeatable read' }]);
    await client.query('rollback');
    expect(await kept()).toEqual([1]);
  });

  it('sends begin on its own before a statement with bound values, which runs inside the transaction', async () => {
    await client.query('begin');
    await client.query('insert into kept values ($1)', [5]);
    expect(sent()).toBe(2);
    const inTransaction = await client.query("select now() = statement_timestamp() as fresh");
    expect(inTransaction.rows[0].fresh).toBe(false); // now() is the transaction's start, earlier than this statement
    await client.query('rollback');
    expect(await kept()).toEqual([]);
  });

  it('a failing first statement fails the transaction as before: its error, then a rollback that leaves nothing', async () => {
    await client.query('begin');
    await client.query('insert into kept values (1)');
    await client.query('savepoint "trx1"');
    await expect(client.query('select 1 / 0 as n')).rejects.toMatchObject({ code: '22012' });
    await client.query('rollback to "trx1"');
    await client.query('insert into kept values (2)');
    await client.query('commit');
    expect(await kept()).toEqual([1, 2]);
    await client.query('begin');
    await expect(client.query('insert into kept values (1 / 0)')).rejects.toMatchObject({ code: '22012' });
    await expect(client.query('select 1')).rejects.toMatchObject({ code: '25P02' }); // current transaction is aborted
    await client.query('rollback');
    expect(await kept()).toEqual([1, 2]);
  });

  it('an empty transaction is one query; a connection given back with begin held does not carry it to the next user', async () => {
    await client.query('begin');
    await client.query('commit');
    expect(sent()).toBe(1);
    await client.query('begin');
    pool.emit('release', undefined, client);
    const res = await client.query('select current_query() as q');
    expect(res.rows[0].q).toBe('select current_query() as q');
  });

  it('sends held text first for a submittable, which then runs inside the transaction', async () => {
    await client.query('begin');
    await client.query('insert into kept values ($1)', [9]);
    await client.query('savepoint "trx1"');
    const submitted = new pg.Query('select n from kept');
    const rows: unknown[] = [];
    submitted.on('row', (row: unknown) => rows.push(row));
    client.query(submitted as never);
    await new Promise((resolve) => submitted.on('end', resolve));
    expect(rows).toEqual([{ n: 9 }]);
    await client.query('rollback');
    expect(await kept()).toEqual([]);
  });
});

describe('createOrm', () => {
  it("runs MikroORM's statements through it: answers and errors as before", async () => {
    const orm = await createOrm({ clientUrl: server, entities: [], migrations: [] });
    try {
      await expect(orm.em.fork().execute('select 5 as n')).resolves.toEqual([{ n: 5 }]);
      await expect(orm.em.fork().execute('select 1 / 0 as n')).rejects.toMatchObject({ code: '22012' });
      await expect(orm.em.fork().transactional((em) => em.execute('select 6 as n'))).resolves.toEqual([{ n: 6 }]);
      // A MikroORM transaction's begin goes out with its first statement (ADR 73).
      const [first] = await orm.em.fork().transactional((em) => em.execute<{ q: string }[]>('select current_query() as q'));
      expect(first?.q).toMatch(/^begin;\s*select current_query\(\)/);
    } finally {
      await orm.close();
    }
  });
});

describe('sendWithNext and queryEach (ADR 73)', () => {
  const table = `orm_queries_${process.pid}_${Date.now()}`;
  let orm: Awaited<ReturnType<typeof createOrm>>;
  beforeAll(async () => {
    orm = await createOrm({ clientUrl: server, entities: [], migrations: [] });
    await orm.em.fork().execute(`create table ${table} (id int primary key, n int not null)`);
    await orm.em.fork().execute(`insert into ${table} values (1, 1)`);
  });
  afterAll(async () => {
    await orm.em.fork().execute(`drop table if exists ${table}`);
    await orm.close();
  });

  it('sends a setting with the next statement, which runs after it and sees it', async () => {
    const [row] = await orm.em.fork().transactional(async (em) => {
      await sendWithNext(em, `select set_config('homi.test', ?, true)`, ["it's set"]);
      return em.execute<{ v: string; q: string }[]>(`select current_setting('homi.test') as v, current_query() as q`);
    });
    expect(row?.v).toBe("it's set");
    expect(row?.q).toMatch(/^begin;\s*\/\* homi:ahead \*\/ select set_config\('homi.test', 'it''s set', true\);\s*select current_setting/);
  });

  it('a setting that fails fails the statement it went with, and the transaction', async () => {
    const work = orm.em.fork().transactional(async (em) => {
      await sendWithNext(em, 'set local role homi_no_such_role');
      await em.execute(`update ${table} set n = n + 100`);
    });
    await expect(work).rejects.toMatchObject({ code: '22023' });
    expect(await orm.em.fork().execute(`select n from ${table}`)).toEqual([{ n: 1 }]);
  });

  it("returns each statement's rows, and a read after a lock sees what the lock waited for", async () => {
    // Another transaction holds the row and changes it; the lock waits for its commit, and the
    // statement after the lock, in the same round trip, reads the committed change.
    const holder = orm.em.fork();
    let release!: () => void;
    let locked!: () => void;
    const lockedNow = new Promise<void>((r) => (locked = r));
    const held = holder.transactional(async (em) => {
      await em.execute(`select * from ${table} where id = 1 for update`);
      locked();
      await new Promise<void>((r) => (release = r));
      await em.execute(`update ${table} set n = n + 1 where id = 1`);
    });
    await lockedNow;
    const reading = orm.em.fork().transactional((em) =>
      queryEach(em, [
        { sql: `select id from ${table} where id = ? for update`, params: [1] },
        { sql: `select n from ${table} where id = ?`, params: [1] },
        { sql: `select n from ${table} where id = ?`, params: [2] },
      ]),
    );
    // Released only once the reading query waits on the lock, as Postgres reports it.
    const waiting = `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%homi:each%${table}%'`;
    while ((await orm.em.fork().execute<{ n: number }[]>(waiting))[0]!.n === 0) await new Promise((r) => setImmediate(r));
    release();
    await held;
    const before = (await orm.em.fork().execute<{ n: number }[]>(`select n from ${table}`))[0]!.n;
    expect(await reading).toEqual([[{ id: 1 }], [{ n: before }], []]);
    expect(before).toBe(2);
  });

  it('a failing statement fails the call', async () => {
    const em = orm.em.fork();
    await expect(queryEach(em, [{ sql: 'select 1 as n' }, { sql: 'select 1 / 0 as n' }])).rejects.toMatchObject({ code: '22012' });
    await expect(queryEach(em, [{ sql: 'select ? as n', params: [3] }])).resolves.toEqual([[{ n: 3 }]]);
  });
});

describe('sendWithNextOn (ADR 73)', () => {
  const table = `orm_write_ahead_${process.pid}_${Date.now()}`;
  const insert = {
    name: 'test_write_ahead',
    text: `insert into ${table} (id, body, doc, at, n) select * from unnest($1::text[], $2::text[], $3::jsonb[], $4::timestamptz[], $5::int[])`,
  };
  let orm: Awaited<ReturnType<typeof createOrm>>;
  beforeAll(async () => {
    orm = await createOrm({ clientUrl: server, entities: [], migrations: [] });
    await orm.em.fork().execute(`create table ${table} (id text primary key, body text, doc jsonb, at timestamptz, n int)`);
  });
  afterEach(() => orm.em.fork().execute(`delete from ${table}`));
  afterAll(async () => {
    await orm.em.fork().execute(`drop table if exists ${table}`);
    await orm.close();
  });

  it('writes every value as it was given, hostile text included, with the commit', async () => {
    const at = new Date('2026-12-07T12:34:56.789Z');
    const bodies = ["it's", 'back\\slash \\\'', "'); drop table users; --", 'één € 🙂', '$1 $2'];
    const docs = bodies.map((b, i) => JSON.stringify({ b, i, nested: { q: '"quoted"' } }));
    const ids = bodies.map((_, i) => `id${i}`);
    let seen: { n: number; q: string }[] = [];
    await orm.em.fork().transactional(async (em) => {
      const tx = em.getTransactionContext<Kysely<unknown>>()!;
      await sendWithNextOn(tx, insert, [ids, bodies, docs, bodies.map(() => at), bodies.map((_, i) => i)]);
      seen = await em.execute<{ n: number; q: string }[]>(`select count(*)::int as n, current_query() as q from ${table}`);
    });
    // The write went out with the statement after it (here a select, which sees its rows), after the begin.
    expect(seen[0]?.q).toMatch(/^begin;\s*\/\* homi:ahead \*\/ insert into/);
    expect(seen[0]?.n).toBe(5);
    const rows = await orm.em.fork().execute<{ id: string; body: string; doc: unknown; at: string; n: number }[]>(`select * from ${table} order by id`);
    expect(rows.map((r) => ({ ...r, at: new Date(r.at) }))).toEqual(ids.map((id, i) => ({ id, body: bodies[i], doc: JSON.parse(docs[i]!), at, n: i })));
  });

  it('an empty list writes nothing; a write that fails fails the commit and keeps nothing of the transaction', async () => {
    await orm.em.fork().transactional(async (em) => sendWithNextOn(em.getTransactionContext<Kysely<unknown>>()!, insert, [[], [], [], [], []]));
    await orm.em.fork().execute(`insert into ${table} (id) values ('taken')`);
    const failing = orm.em.fork().transactional(async (em) => {
      await em.execute(`insert into ${table} (id) values ('first')`);
      await sendWithNextOn(em.getTransactionContext<Kysely<unknown>>()!, insert, [['taken'], ['x'], ['{}'], [new Date()], [1]]);
    });
    await expect(failing).rejects.toMatchObject({ code: '23505' });
    expect(await orm.em.fork().execute(`select id from ${table} order by id`)).toEqual([{ id: 'taken' }]);
  });
});

describe('perTransaction', () => {
  it("gives each transaction a state of its own, the same one all through it, and none outside one", async () => {
    const orm = await createOrm({ clientUrl: server, entities: [], migrations: [] });
    try {
      const seen = perTransaction(() => [] as string[]);
      expect(seen(orm.em.fork())).toBeUndefined();
      const first = await orm.em.fork().transactional(async (em) => {
        seen(em)!.push('a');
        seen(em)!.push('b');
        return seen(em);
      });
      const second = await orm.em.fork().transactional(async (em) => seen(em));
      expect(first).toEqual(['a', 'b']);
      expect(second).toEqual([]);
    } finally {
      await orm.close();
    }
  });
});
