// Database roles per service (ADR 39): the migrations run as the database's owner (MIGRATE_ONLY,
// with DATABASE_RUNTIME_ROLE naming the runtime role), and tenant-data then runs as a login role of
// its own that owns nothing and may create nothing (MIGRATIONS=skip), against the real Postgres.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import request from 'supertest';
import { Client as Pg } from 'pg';
import { createLogger } from '@homi/service-kit';
import { createOwnedDatabase, startPrivateNatsServer, testInfra, uniqueName, withClient, type OwnedDatabase, type PrivateNatsServer } from '@homi/testing';
import { readConfig } from '../src/config';
import { buildService, openDatabase, stopService, type TenantDataService } from '../src/service';
import { TENANT_ROLE } from '../src/infrastructure/migrations/0001-initial';
import { owner, signedClient } from './harness';

const logger = createLogger({ service: 'tenant-data', level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const config = (env: Record<string, string>) => readConfig({ NODE_ENV: 'test', ...env });

let serverUrl: string;
let db: OwnedDatabase;
let runtime: { role: string; url: string };
let other: { role: string; url: string };
let nats: PrivateNatsServer;
let service: TenantDataService | undefined;
let server: Server | undefined;

/** A login role that is nothing else (no superuser, CREATEDB, CREATEROLE or BYPASSRLS), with a URL for `database`. */
async function loginRole(role: string, database: string): Promise<{ role: string; url: string }> {
  const password = randomBytes(18).toString('base64url');
  await withClient(serverUrl, (c) => c.query(`CREATE ROLE ${c.escapeIdentifier(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${c.escapeLiteral(password)}`));
  const url = new URL(serverUrl);
  url.username = role;
  url.password = password;
  url.pathname = `/${database}`;
  return { role, url: url.toString() };
}

const asRuntime = <T>(work: (pg: Pg) => Promise<T>, url = runtime.url): Promise<T> => withClient(url, work);
const sqlError = (p: Promise<unknown>) => p.then(() => 'succeeded', (err: { code?: string }) => err.code);

beforeAll(async () => {
  serverUrl = (await testInfra()).databaseUrl;
  db = await createOwnedDatabase(serverUrl, uniqueName('homi_td_roles'), { roles: [TENANT_ROLE] });
  runtime = await loginRole(`${db.role}_app`, db.role);
  other = await loginRole(`${db.role}_other`, db.role);
  nats = await startPrivateNatsServer();
  // The migrate step (the chart's Job, compose's tenant-data-migrate): as the owner, naming the runtime role.
  await (await openDatabase(config({ TENANT_DATA_DATABASE_URL: db.url, DATABASE_RUNTIME_ROLE: runtime.role }), logger)).close();
});

afterAll(async () => {
  if (service) await stopService(service, server);
  await nats?.dispose();
  await db?.drop();
  await withClient(serverUrl, async (c) => {
    for (const r of [runtime, other]) if (r) await c.query(`DROP ROLE IF EXISTS ${c.escapeIdentifier(r.role)}`);
  });
});

describe('the runtime role', () => {
  it('cannot create a table, a temporary table or a schema, nor change or drop the tables', async () => {
    expect(await asRuntime((pg) => sqlError(pg.query('create table intruder (id int)')))).toBe('42501');
    expect(await asRuntime((pg) => sqlError(pg.query('create temporary table intruder (id int)')))).toBe('42501');
    expect(await asRuntime((pg) => sqlError(pg.query('create schema intruder')))).toBe('42501');
    expect(await asRuntime((pg) => sqlError(pg.query('alter table clients add column intruder int')))).toBe('42501');
    expect(await asRuntime((pg) => sqlError(pg.query('drop table clients')))).toBe('42501');
    expect(await asRuntime((pg) => sqlError(pg.query('truncate clients')))).toBe('42501');
  });

  it('is no superuser, owns nothing, and belongs to the row-level-security role only', async () => {
    const roles = await asRuntime((pg) => pg.query(`select rolsuper, rolcreatedb, rolcreaterole, rolbypassrls from pg_roles where rolname = current_user`));
    expect(roles.rows).toEqual([{ rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolbypassrls: false }]);
    const owned = await asRuntime((pg) => pg.query(`select count(*)::int as n from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = current_user`));
    expect(owned.rows[0].n).toBe(0);
    const memberOf = await asRuntime((pg) => pg.query(`select r.rolname from pg_auth_members m join pg_roles r on r.oid = m.roleid join pg_roles u on u.oid = m.member where u.rolname = current_user`));
    expect(memberOf.rows.map((r: { rolname: string }) => r.rolname)).toEqual([TENANT_ROLE]);
  });

  it('is the only role besides the owner that may connect to the database', async () => {
    expect(await sqlError(asRuntime((pg) => pg.query('select 1'), other.url))).toBe('42501');
  });

  it('refuses to start on a database with a migration pending (MIGRATIONS=skip never migrates)', async () => {
    const empty = await createOwnedDatabase(serverUrl, uniqueName('homi_td_empty'), { roles: [TENANT_ROLE] });
    try {
      await expect(openDatabase(config({ TENANT_DATA_DATABASE_URL: empty.url, MIGRATIONS: 'skip' }), logger)).rejects.toThrow(/migration\(s\) pending and MIGRATIONS=skip/);
      const tables = await withClient(empty.url, (c) => c.query(`select count(*)::int as n from pg_tables where schemaname = 'public'`));
      expect(tables.rows[0].n).toBe(0);
    } finally {
      await empty.drop();
    }
  });

  it('runs tenant-data: clients created, read and listed per tenant, events relayed', async () => {
    service = await buildService(config({ TENANT_DATA_DATABASE_URL: runtime.url, MIGRATIONS: 'skip', NATS_URL: nats.url }), logger);
    server = service.http.app.listen(0, '127.0.0.1');
    await new Promise((r) => server!.once('listening', r));
    expect((await request(server).get('/readyz')).status).toBe(200);
    expect(await service.orm.em.fork().execute('select current_user as me')).toEqual([{ me: runtime.role }]);
    const [a, b] = [owner(), owner()];
    const call = (caller: typeof a) => signedClient(server!, caller);
    const created = await call(a).post('/clients', { name: 'Anna de Vries' });
    expect(created.status).toBe(201);
    expect((await call(a).get(`/clients/${created.body.id}`)).body.name).toBe('Anna de Vries');
    expect((await call(b).post('/clients', { name: 'Bram' })).status).toBe(201);
    expect((await call(a).get('/clients')).body.items.map((c: { name: string }) => c.name)).toEqual(['Anna de Vries']);
    expect((await call(b).get(`/clients/${created.body.id}`)).status).toBe(404);
    // The outbox relay (as the runtime role) publishes the events and marks them sent.
    const deadline = Date.now() + 10_000;
    let unpublished = -1;
    while (Date.now() < deadline) {
      unpublished = (await withClient(db.url, (c) => c.query(`select count(*)::int as n from outbox where published_at is null`))).rows[0].n;
      if (unpublished === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(unpublished).toBe(0);
  });
});
