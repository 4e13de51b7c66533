import { MikroORM, type AnyEntity, type EntityManager, type EntitySchema } from '@mikro-orm/postgresql';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import { Client } from 'pg';
import type { Logger } from './logger';

/**
 * The database of one service: `<SERVICE>_DATABASE_URL` when set, else the server named by
 * DATABASE_URL with the service's own database name (`homi_tenant_data`).
 */
export function serviceDatabaseUrl(env: NodeJS.ProcessEnv, service: string): { url: string; create: boolean } {
  const own = env[`${service.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`];
  if (own) return { url: own, create: false };
  const server = env.DATABASE_URL;
  if (!server) throw new Error(`set DATABASE_URL (or ${service.toUpperCase().replace(/-/g, '_')}_DATABASE_URL)`);
  const url = new URL(server);
  url.pathname = `/homi_${service.replace(/-/g, '_')}`;
  return { url: url.toString(), create: true };
}

/** Creates the database named in `url` if it is missing (safe when several replicas start at once). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`refusing to create database with name ${name}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`create database "${name}"`).catch((err: { code?: string }) => {
        if (err.code !== '42P04' && err.code !== '23505') throw err; // created by a concurrent replica
      });
    }
  } finally {
    await client.end();
  }
}

export interface OrmOptions {
  clientUrl: string;
  entities: (EntitySchema<AnyEntity> | EntitySchema)[];
  migrations: { name: string; class: new (...args: never[]) => Migration }[];
  poolMax?: number;
  debug?: boolean;
  /** Where MikroORM's own messages (migrations applied, …) go; silent when absent. */
  log?: (message: string) => void;
}

/** A MikroORM instance for one service's own database, entities declared as EntitySchema. */
export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init({
    clientUrl: options.clientUrl,
    entities: options.entities,
    discovery: { warnWhenNoEntities: false },
    pool: { min: 0, max: options.poolMax ?? 10 },
    debug: options.debug ?? false,
    logger: options.log ?? (() => {}),
    allowGlobalContext: false,
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations as never,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
  });
}

/** Applies pending migrations; a Postgres advisory lock keeps concurrent replicas from racing. */
export async function migrate(orm: MikroORM, lockKey: number): Promise<void> {
  const conn = orm.em.getConnection();
  // The lock is held by this transaction's connection until the migrations (on their own) are done.
  await conn.transactional(async (trx) => {
    await conn.execute('select pg_advisory_xact_lock(?)', [lockKey], 'all', trx);
    await orm.migrator.up();
  });
}

export interface ServiceDatabaseOptions {
  service: string;
  /** DATABASE_URL and the service's own `<SERVICE>_DATABASE_URL`, as serviceDatabaseUrl reads them. */
  env: NodeJS.ProcessEnv;
  entities: OrmOptions['entities'];
  migrations: OrmOptions['migrations'];
  /** The advisory lock key that serialises this service's migrations across replicas. */
  lockKey: number;
  logger: Logger;
}

/** Opens a service's own database, creating it when missing, with every pending migration applied. */
export async function openServiceDatabase(options: ServiceDatabaseOptions): Promise<MikroORM> {
  const { url, create } = serviceDatabaseUrl(options.env, options.service);
  if (create) await ensureDatabase(url);
  const orm = await createOrm({
    clientUrl: url,
    entities: options.entities,
    migrations: options.migrations,
    log: (message) => options.logger.debug({ orm: message }, 'mikro-orm'),
  });
  await migrate(orm, options.lockKey);
  return orm;
}

/**
 * One transaction isolated to a tenant in three ways (ADR 4): the ORM's `tenant` filter is bound,
 * `app.tenant_id` names the tenant for the row-level-security policies, and the session switches to
 * `role`, a role those policies apply to (the service itself connects as the tables' owner).
 */
export async function inTenantTransaction<T>(orm: MikroORM, tenantId: string, role: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`not a role name: ${role}`);
  const em = orm.em.fork({ clear: true });
  em.setFilterParams('tenant', { tenantId });
  return em.transactional(async (tx) => {
    await tx.execute(`select set_config('app.tenant_id', ?, true)`, [tenantId]);
    await tx.execute(`set local role ${role}`);
    return work(tx);
  });
}

/**
 * Opens the current transaction to every tenant's rows: the row-level-security policies admit
 * `app.all_tenants = 'on'` (ADR 4). Only for work that is for no single tenant (retention jobs,
 * workers claiming across tenants) and runs as the tables' owner; transaction-local, and the tenant
 * role's transactions (inTenantTransaction) never set it.
 */
export async function enterAllTenants(em: EntityManager): Promise<void> {
  await em.execute(`select set_config('app.all_tenants', 'on', true)`);
}

/**
 * Narrows the current transaction, run as the tables' owner, to one tenant's rows: the ORM's `tenant`
 * filter, `app.tenant_id` for the row-level-security policies, and the all-tenants escape off. For
 * work about one tenant that the tenant role may not do (a privacy erasure deletes what it cannot, a
 * consumer appends to that tenant's audit chain); transaction-local, like enterAllTenants.
 */
export async function enterTenantAsOwner(em: EntityManager, tenantId: string): Promise<void> {
  em.setFilterParams('tenant', { tenantId });
  await em.execute(`select set_config('app.tenant_id', ?, true), set_config('app.all_tenants', 'off', true)`, [tenantId]);
}

/** One transaction, as the tables' owner, that may read and write every tenant's rows (see enterAllTenants). */
export async function inAllTenantsTransaction<T>(orm: MikroORM, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return orm.em.fork({ clear: true }).transactional(async (tx) => {
    await enterAllTenants(tx);
    return work(tx);
  });
}
