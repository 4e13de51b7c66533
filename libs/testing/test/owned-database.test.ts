import { Client } from 'pg';
import { uniqueName } from '../src/database';
import { testInfra } from '../src/infra';
import { createOwnedDatabase, type OwnedDatabase } from '../src/owned-database';

let serverUrl: string;
let db: OwnedDatabase;

beforeAll(async () => {
  serverUrl = (await testInfra()).databaseUrl;
  db = await createOwnedDatabase(serverUrl, uniqueName('homi_owned_test'));
});
afterAll(() => db?.drop());

async function query<T>(url: string, sql: string, params: unknown[] = [], setup?: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    if (setup) await client.query(setup);
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('a database owned by a non-superuser role', () => {
  it('connects as its own role, which owns the database and bypasses nothing', async () => {
    const [me] = await query<{ user: string; owner: string }>(db.url, 'select current_user as user, pg_get_userbyid(datdba) as owner from pg_database where datname = current_database()');
    expect(me).toEqual({ user: db.role, owner: db.role });
    const [role] = await query(serverUrl, 'select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb from pg_roles where rolname = $1', [db.role]);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: true, rolcreatedb: false });
  });

  it('is held to the forced row-level security of the tables it creates, as production is', async () => {
    await query(db.url, `create table notes (tenant_id text not null);
      insert into notes values ('ten_a'), ('ten_b');
      alter table notes enable row level security; alter table notes force row level security;
      create policy notes_tenant on notes using (tenant_id = current_setting('app.tenant_id', true));`);
    expect(await query(db.url, 'select * from notes')).toEqual([]);
    expect(await query(db.url, 'select tenant_id from notes', [], `select set_config('app.tenant_id', 'ten_a', false)`)).toEqual([{ tenant_id: 'ten_a' }]);
  });

  it('lets each owner grant itself the service roles it was given, whoever created them first', async () => {
    const tenantRole = uniqueName('homi_owned_test_tenant');
    const migrate = `do $$ begin create role ${tenantRole} nologin; exception when duplicate_object then null; end $$;
      grant ${tenantRole} to current_user; set role ${tenantRole}; reset role;`;
    const first = await createOwnedDatabase(serverUrl, uniqueName('homi_owned_test'), { roles: [tenantRole] });
    const second = await createOwnedDatabase(serverUrl, uniqueName('homi_owned_test'), { roles: [tenantRole] });
    try {
      await query(first.url, migrate);
      await first.drop();
      await query(second.url, migrate);
      const [held] = await query(serverUrl, `select pg_has_role($1, $2, 'MEMBER') as held`, [second.role, tenantRole]);
      expect(held).toEqual({ held: true });
    } finally {
      await first.drop().catch(() => undefined);
      await second.drop();
      await query(serverUrl, `drop role if exists ${tenantRole}`);
    }
  });

  it('administers the roles it is given, so it may grant them to itself like the roles it made', async () => {
    const shared = uniqueName('homi_owned_test_tenant');
    const first = await createOwnedDatabase(serverUrl, uniqueName('homi_owned_test'));
    const second = await createOwnedDatabase(serverUrl, uniqueName('homi_owned_test'), { roles: [shared] });
    try {
      await query(first.url, `create role ${shared}_x nologin; grant ${shared}_x to current_user`);
      // Postgres 16+: another CREATEROLE owner may not grant itself a role it does not administer.
      const refused = await query(second.url, `grant ${shared}_x to current_user`).then(() => 'granted', (err: Error) => err.message);
      const [server] = await query<{ server_version_num: string }>(serverUrl, 'show server_version_num');
      if (Number(server?.server_version_num) >= 160000) expect(refused).toMatch(/permission denied to grant role/);
      await query(second.url, `grant ${shared} to current_user`);
      expect(await query(second.url, `select pg_has_role(current_user, $1, 'MEMBER') as member`, [shared])).toEqual([{ member: true }]);
    } finally {
      await first.drop();
      await second.drop();
      await query(serverUrl, `drop role if exists ${shared}_x; drop role if exists ${shared}`);
    }
  });

  it('drops the database and the role', async () => {
    const other = await createOwnedDatabase(serverUrl, uniqueName('homi_owned_test'), { createRole: false });
    await query(other.url, 'create role homi_owned_test_cannot nologin').then(
      () => expect('created').toBe('refused'),
      (err: Error) => expect(err.message).toMatch(/permission denied/),
    );
    await other.drop();
    expect(await query(serverUrl, 'select 1 from pg_roles where rolname = $1 union all select 1 from pg_database where datname = $1', [other.role])).toEqual([]);
  });
});
