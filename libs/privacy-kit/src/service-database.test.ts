import { Migration } from '@mikro-orm/migrations';
import type { EntityManager } from '@mikro-orm/postgresql';
import { erasedByStatement } from './start-retention';
import { serviceDatabase, type DatabaseServiceConfig } from './service-database';

class Migration0001Initial extends Migration {
  override async up(): Promise<void> {}
}
class Migration0002Retention extends Migration {
  override async up(): Promise<void> {}
}

const base: DatabaseServiceConfig = { MIGRATIONS: 'run', NATS_URL: 'nats://127.0.0.1:4222' };

describe('serviceDatabase', () => {
  const database = serviceDatabase<DatabaseServiceConfig & { TENANT_DATA_DATABASE_URL?: string }>({
    service: 'tenant-data',
    entities: [],
    migrations: [Migration0001Initial, Migration0002Retention],
    lockKey: 1,
  });

  it('records the migrations by their class names, oldest first', () => {
    expect(database.database.migrations.map((m) => m.name)).toEqual(['Migration0001Initial', 'Migration0002Retention']);
  });

  it("hands startService the service's own database setting, the migration mode, the runtime role and its NATS user", () => {
    const config = { ...base, TENANT_DATA_DATABASE_URL: 'postgres://td@db/homi_tenant_data', MIGRATIONS: 'skip' as const, DATABASE_RUNTIME_ROLE: 'homi_td_runtime', NATS_USER: 'tenant-data', NATS_PASSWORD: 'secret' };
    expect(database.connections(config)).toEqual({
      database: database.database,
      env: { MIGRATIONS: 'skip', DATABASE_RUNTIME_ROLE: 'homi_td_runtime', DATABASE_URL: undefined, TENANT_DATA_DATABASE_URL: 'postgres://td@db/homi_tenant_data' },
      natsUrl: 'nats://127.0.0.1:4222',
      natsCredentials: { user: 'tenant-data', password: 'secret' },
    });
  });

  it('falls back to the server in DATABASE_URL when the service has no database setting of its own', () => {
    const { env, natsCredentials } = database.connections({ ...base, DATABASE_URL: 'postgres://homi@db/postgres' });
    expect(env).toEqual({ MIGRATIONS: 'run', DATABASE_URL: 'postgres://homi@db/postgres', TENANT_DATA_DATABASE_URL: undefined });
    expect(natsCredentials).toBeUndefined();
  });
});

describe('erasedByStatement', () => {
  it('opens the batch to every tenant before its statement, and counts the rows the statement returned', async () => {
    const executed: [string, unknown[] | undefined][] = [];
    const em = { execute: async (sql: string, params?: unknown[]) => (executed.push([sql, params]), sql.startsWith('delete') ? [{ id: 'a' }, { id: 'b' }] : []) };
    const policy = erasedByStatement('notes', ({ cutoff, batchSize }) => ({ sql: `delete from notes where at < ? limit ${batchSize} returning id`, params: [cutoff] }));
    const cutoff = new Date('2026-01-01T00:00:00Z');
    const purged = await policy.purge({ em: em as unknown as EntityManager, cutoff, batchSize: 10, now: new Date() });
    expect([policy.category, policy.action, purged]).toEqual(['notes', 'erased', 2]);
    // The setting goes out with the statement after it (ADR 73), marked so by service-kit.
    expect(executed).toEqual([[`/* homi:ahead */ select set_config('app.all_tenants', 'on', true)`, []], ['delete from notes where at < ? limit 10 returning id', [cutoff]]]);
  });
});
