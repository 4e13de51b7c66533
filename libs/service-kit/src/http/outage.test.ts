// A request that meets a Postgres outage is answered 503 with Retry-After, never 500, and the service
// answers again once Postgres is back (issue 19). The outage is real: a TCP proxy in front of the
// test's Postgres cuts every connection and refuses new ones, as a dead server would.
import { Writable } from 'node:stream';
import type { MikroORM } from '@mikro-orm/postgresql';
import { startTcpProxy, type TcpProxy } from '@homi/testing';
import request from 'supertest';
import { createLogger } from '../logger';
import { createOrm } from '../orm';
import { dependencyOutage, OutageLog } from '../outage';
import { createHttpApp } from './app';

const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let proxy: TcpProxy;
let orm: MikroORM;
const lines: string[] = [];

beforeAll(async () => {
  proxy = await startTcpProxy(server);
  orm = await createOrm({ clientUrl: proxy.url, entities: [], migrations: [] });
});
afterAll(async () => {
  await orm.close(true);
  await proxy.close();
});

function app() {
  const destination = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
  return createHttpApp({
    logger: createLogger({ service: 'test', destination }),
    readiness: [],
    routes: (a) => {
      a.get('/now', async (_req, res) => {
        const [row] = await orm.em.fork().getConnection().execute<{ now: string }[]>('select now() as now');
        res.json(row);
      });
      a.get('/bug', () => {
        throw new TypeError('Cannot read properties of undefined');
      });
    },
  }).app;
}

describe('a request during a Postgres outage', () => {
  const http = app();

  it('answers 503 service-unavailable with Retry-After while Postgres is away, and 200 once it is back', async () => {
    expect((await request(http).get('/now')).status).toBe(200);

    await proxy.down();
    lines.length = 0;
    for (let i = 0; i < 3; i++) {
      const res = await request(http).get('/now');
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({ type: expect.stringMatching(/service-unavailable$/), status: 503 });
    }
    // Logged once for the outage, not once per request; never as an unhandled error.
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; dependency?: string });
    expect(logged.filter((l) => l.msg === 'dependency unavailable; answering 503')).toEqual([
      expect.objectContaining({ dependency: 'database' }),
    ]);
    expect(logged.filter((l) => l.msg === 'unhandled error')).toEqual([]);

    await proxy.up();
    const back = Date.now();
    let status = 0;
    while (status !== 200 && Date.now() - back < 5_000) status = (await request(http).get('/now')).status;
    expect(status).toBe(200);
  });

  it('still answers a bug 500, not 503', async () => {
    const res = await request(http).get('/bug');
    expect(res.status).toBe(500);
  });
});

describe('the connection pool after outages', () => {
  it('gets back every connection an outage killed mid-transaction, so a service outlives more outages than it has connections', async () => {
    const small = await createOrm({ clientUrl: proxy.url, entities: [], migrations: [], poolMax: 2 });
    const transaction = () => small.em.fork().transactional((tx) => tx.execute('select 1'));
    try {
      for (let outage = 0; outage < 3; outage++) {
        await Promise.all([transaction(), transaction()]);
        await proxy.down();
        const failed = await Promise.allSettled([transaction(), transaction()]);
        expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
        await proxy.up();
      }
      // Before the guard, both slots were still held by the first outage's transactions: this hung.
      const after = await Promise.race([
        Promise.all([transaction(), transaction()]).then(() => 'answered'),
        new Promise((resolve) => setTimeout(() => resolve('no connection within 5 s'), 5_000)),
      ]);
      expect(after).toBe('answered');
    } finally {
      await small.close(true);
    }
  });
});

describe('dependencyOutage', () => {
  it('reads driver codes and client error names through causes, and nothing from the message of an ordinary error', () => {
    expect(dependencyOutage(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe('database');
    expect(dependencyOutage(new Error('wrapped', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) }))).toBe('database');
    expect(dependencyOutage(Object.assign(new Error('closed'), { name: 'ClosedConnectionError' }))).toBe('nats');
    expect(dependencyOutage(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBeUndefined();
    expect(dependencyOutage(new Error('ECONNREFUSED 57P01 ClosedConnectionError'))).toBeUndefined();
  });

  it('knows node-postgres\'s own words for a connection that died, whole, and nothing that merely contains them', () => {
    for (const words of ['Connection terminated unexpectedly', 'Client has encountered a connection error and is not queryable', 'timeout exceeded when trying to connect']) {
      expect([words, dependencyOutage(new Error('query failed', { cause: new Error(words) }))]).toEqual([words, 'database']);
      expect([words, dependencyOutage(new Error(`name is ${words}`))]).toEqual([words, undefined]);
    }
  });
});

describe('OutageLog', () => {
  it('logs the first failure of an outage, counts the rest, and logs again after a quiet spell with the count', () => {
    let now = 0;
    const logged: Array<Record<string, unknown>> = [];
    const log = new OutageLog((fields) => logged.push(fields), 30_000, () => now);
    log.failed('database', new Error('x'));
    now += 1_000;
    log.failed('database', new Error('x'));
    log.failed('nats', new Error('y'));
    now += 29_000;
    log.failed('database', new Error('x'));
    expect(logged.map((l) => l.dependency)).toEqual(['database', 'nats']);
    now += 30_000;
    log.failed('database', new Error('x'));
    expect(logged[2]).toMatchObject({ dependency: 'database', previousOutage: { failedRequests: 3, lastedMs: 30_000 } });
  });
});
