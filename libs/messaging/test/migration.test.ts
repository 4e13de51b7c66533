import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { messagingEntities, messagingMigration } from '../src';
import { dropTestDatabase, testDatabaseUrl } from './support/db';
import { TEST_DB, uniqueSuffix } from './support/env';

// A database of its own, set up as a service's is (public schema): the schema diff looks at
// every schema, which in the shared test database includes other test files'.
const database = `${TEST_DB}_mig_${uniqueSuffix()}`;
let orm: MikroORM;

beforeAll(async () => {
  orm = await MikroORM.init({
    clientUrl: await testDatabaseUrl(database),
    entities: [...messagingEntities],
    extensions: [Migrator],
    migrations: { migrationsList: [messagingMigration], snapshot: false, silent: true },
  });
});

afterAll(async () => {
  await orm?.close(true);
  await dropTestDatabase(database);
});

describe('MessagingTablesMigration', () => {
  it('creates tables that match the outbox and inbox entity schemas exactly', async () => {
    await orm.migrator.up();

    expect((await orm.migrator.getExecuted()).map((m) => m.name)).toEqual([messagingMigration.name]);
    expect(await orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
  });

  it('can be rolled back', async () => {
    await orm.migrator.down();

    const tables = await orm.em
      .getConnection()
      .execute<Array<{ table_name: string }>>(
        "select table_name from information_schema.tables where table_schema = 'public' order by 1",
      );
    expect(tables.map((t) => t.table_name)).toEqual(['mikro_orm_migrations']);
  });
});
