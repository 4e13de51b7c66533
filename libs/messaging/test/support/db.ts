import { MikroORM } from '@mikro-orm/postgresql';
import { releaseDeadConnections } from '@homi/service-kit';
import { MESSAGING_TABLES_SQL, messagingEntities } from '../../src';
import { DATABASE_URL, TEST_DB, uniqueSuffix } from './env';

const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505';

async function withAdmin<T>(work: (execute: (sql: string, params?: unknown[]) => Promise<unknown[]>) => Promise<T>): Promise<T> {
  const admin = await MikroORM.init({ clientUrl: DATABASE_URL, entities: [], discovery: { warnWhenNoEntities: false } });
  try {
    return await work((sql, params) => admin.em.getConnection().execute(sql, params));
  } finally {
    await admin.close(true);
  }
}

/** The URL of a test database on the server DATABASE_URL names (the shared one by default), created when missing. */
export async function testDatabaseUrl(name = TEST_DB): Promise<string> {
  await withAdmin(async (execute) => {
    const found = await execute('select 1 from pg_database where datname = ?', [name]);
    if (found.length > 0) return;
    await execute(`create database "${name}"`).catch((err: { code?: string }) => {
      // Another test file created it at the same moment.
      if (err.code !== DUPLICATE_DATABASE && err.code !== UNIQUE_VIOLATION) throw err;
    });
  });
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropTestDatabase(name: string): Promise<void> {
  await withAdmin((execute) => execute(`drop database if exists "${name}" with (force)`));
}

export interface TestDb {
  orm: MikroORM;
  schema: string;
  /** Another ORM on the same schema through `clientUrl` (a proxy staging an outage); the caller closes it. */
  ormVia(clientUrl: string): Promise<MikroORM>;
  clientUrl: string;
  /** Rows in this file's outbox table, straight from SQL. */
  outboxRows(): Promise<Array<{ id: string; subject: string; published_at: Date | null; attempts: number }>>;
  close(): Promise<void>;
}

/**
 * An ORM on a Postgres schema of this test file's own (search_path), with the messaging tables
 * made by the library's own SQL, so parallel test files never see each other's rows.
 */
export async function createTestDb(): Promise<TestDb> {
  const schema = `msg_${uniqueSuffix()}`;
  const clientUrl = await testDatabaseUrl();
  const ormVia = (url: string) =>
    MikroORM.init({
      clientUrl: url,
      entities: [...messagingEntities],
      // pg Pool options (MikroORM 7: no knex `connection` level), and the pool guard services use
      driverOptions: { options: `-c search_path=${schema}`, onPoolCreated: releaseDeadConnections },
      pool: { min: 0, max: 10 },
    });
  const orm = await ormVia(clientUrl);
  const conn = orm.em.getConnection();
  await conn.execute(`create schema "${schema}"`);
  await conn.execute(MESSAGING_TABLES_SQL);
  return {
    orm,
    schema,
    ormVia,
    clientUrl,
    outboxRows: () => conn.execute('select id, subject, published_at, attempts from outbox order by created_at, id'),
    async close() {
      await conn.execute(`drop schema if exists "${schema}" cascade`);
      await orm.close(true);
    },
  };
}
