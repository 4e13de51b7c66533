import { MikroORM, type AnyEntity, type EntityManager, type EntitySchema, type Kysely } from '@mikro-orm/postgresql';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import { CompiledQuery } from 'kysely';
import { readFileSync } from 'node:fs';
import { checkServerIdentity, type ConnectionOptions } from 'node:tls';
import { Client, escapeLiteral } from 'pg';
import { ownDatabaseUrlSetting } from './database-service-config';
import type { Logger } from './logger';

/**
 * TLS to Postgres as the URL asks, libpq's way (ADR 39): `sslmode=verify-full` verifies the server's
 * certificate and host name, against the CA in `sslrootcert` (a file) or else the system's; no
 * sslmode or `disable`: plain TCP. Any other mode is refused: it would encrypt without knowing to whom.
 */
export function postgresTls(url: string): ConnectionOptions | false {
  const params = new URL(url).searchParams;
  const mode = params.get('sslmode') ?? 'disable';
  if (mode === 'disable') return false;
  if (mode !== 'verify-full') throw new Error(`sslmode=${mode} is not supported: use sslmode=verify-full (with sslrootcert=<CA file>) or leave TLS off`);
  const caFile = params.get('sslrootcert');
  // The certificate must name the host of the URL. pg sets no servername for an IP address, and node
  // then checks the certificate against "localhost": check against the URL's host ourselves.
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    rejectUnauthorized: true,
    checkServerIdentity: (_servername, cert) => checkServerIdentity(host, cert),
    ...(caFile ? { ca: readFileSync(caFile, 'utf8') } : {}),
  };
}

/** The URL without libpq's TLS parameters (pg would read them its own way), and the TLS options they ask for. */
function pgConnection(url: string): { connectionString: string; ssl: ConnectionOptions | false } {
  const ssl = postgresTls(url);
  const plain = new URL(url);
  for (const p of ['sslmode', 'sslrootcert', 'sslcert', 'sslkey']) plain.searchParams.delete(p);
  return { connectionString: plain.toString(), ssl };
}

/**
 * The database of one service: `<SERVICE>_DATABASE_URL` when set, else the server named by
 * DATABASE_URL with the service's own database name (`homi_tenant_data`).
 */
export function serviceDatabaseUrl(env: NodeJS.ProcessEnv, service: string): { url: string; create: boolean } {
  const own = env[ownDatabaseUrlSetting(service)];
  if (own) return { url: own, create: false };
  const server = env.DATABASE_URL;
  if (!server) throw new Error(`set DATABASE_URL (or ${ownDatabaseUrlSetting(service)})`);
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
  const client = new Client(pgConnection(admin.toString()));
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

interface PooledClient {
  on(event: 'end', listener: () => void): unknown;
  release?: (err?: Error) => void;
  query?: (...args: never[]) => unknown;
}
interface ClientPool {
  on(event: 'acquire', listener: (client: PooledClient) => void): unknown;
  on(event: 'release', listener: (err: Error | undefined, client: PooledClient) => void): unknown;
  on(event: 'connect', listener: (client: PooledClient) => void): unknown;
}

/**
 * Gives the pool back a connection that died while checked out. Kysely (under MikroORM 7) releases
 * a transaction's connection only after its COMMIT or ROLLBACK succeeded, and neither can on a
 * connection Postgres dropped, so every transaction caught by an outage kept its pool slot for
 * good: after `poolMax` of them the service waited forever for a connection, long after Postgres
 * was back. Released with an error, pg's pool discards the client and frees the slot.
 * (MikroORM hands this the pool it creates, through `driverOptions.onPoolCreated`.)
 */
export function releaseDeadConnections(pool: ClientPool): void {
  const checkedOut = new WeakSet<PooledClient>();
  pool.on('acquire', (client) => checkedOut.add(client));
  pool.on('release', (_err, client) => checkedOut.delete(client));
  pool.on('connect', (client) => {
    client.on('end', () => {
      if (!checkedOut.has(client)) return;
      checkedOut.delete(client);
      client.release?.(new Error('the connection to Postgres ended while it was in use'));
    });
  });
}

/** A statement run with preparedQuery: its name on every connection, and its text with $1, $2, … for the values. */
export interface PreparedStatement {
  name: string;
  text: string;
}

/** Statement texts preparedQuery has run, by text: the names they are prepared under on each connection. */
const preparedNames = new Map<string, string>();

type QueryFn = (config: unknown, values?: unknown, callback?: unknown) => unknown;
type QueryCallback = (err: Error | null, res: unknown) => void;

/**
 * The statements that open a transaction or a savepoint as Kysely sends them (`begin`, `start
 * transaction …`, `savepoint "trx1"`): they answer nothing a caller reads, so they are held back and
 * go out in front of the statement that follows.
 */
const OPENING = /^(begin|start transaction( [a-z ]+)?|savepoint "?[A-Za-z_][A-Za-z0-9_]*"?)$/i;
/** Marks a statement sent with the next one, as an opening statement is: see sendWithNext. */
const AHEAD = '/* homi:ahead */ ';
/** Marks several statements whose every answer the caller reads: see queryEach. */
const EACH = '/* homi:each */ ';
/** What an opening statement held back answers at once. */
const HELD_BACK = Object.freeze({ command: 'BEGIN', rowCount: null, rows: [], fields: [] });

/** Without values (or with none), as one text of the simple-query protocol, which may hold several statements. */
const isSimple = (config: unknown, values: unknown): config is string =>
  typeof config === 'string' && (values === undefined || (Array.isArray(values) && values.length === 0));

/** The answer of `held` statements sent in front of a caller's: the caller's own, as if sent alone. */
function withoutHeld(res: unknown, held: number): unknown {
  if (!Array.isArray(res)) return res;
  const own = res.slice(held);
  return own.length === 1 ? own[0] : own;
}

/** Several statements' answers as one answer whose rows are each statement's rows (queryEach). */
function eachAnswer(res: unknown): { command: string; rowCount: number; rows: { rows: unknown[] }[] } {
  const answers = (Array.isArray(res) ? res : [res]) as { rows?: unknown[] }[];
  return { command: 'SELECT', rowCount: answers.length, rows: answers.map((a) => ({ rows: a.rows ?? [] })) };
}

/**
 * Wraps each pooled connection's `query` once, for three things every statement goes through:
 *
 * - **Prepared names.** MikroORM's driver (Kysely) sends every statement unnamed, so Postgres parses
 *   and plans it anew each time; a text registered by preparedQuery goes out under its name instead,
 *   parsed once per connection, its plan reused (pg keeps the connection's prepared statements).
 *   Values stay bound parameters either way.
 * - **A transaction opens with its first statement (ADR 73).** `begin` (and a savepoint) is held back
 *   and sent in the same simple query as the next statement (`begin; select …`): one round trip less
 *   per transaction, in every service. A next statement with bound values cannot share a simple query:
 *   the held text then goes first, on its own. Held text that fails leaves the transaction aborted (or
 *   the connection gone), so the statement after it fails too: nothing runs outside the transaction.
 * - **Settled through pg's callback form.** Measured with pg 8.23 (a loop of 1,500 queries each
 *   answering a 37 kB text): through the promise form that `client.query(text, values)` returns, and
 *   that Kysely uses for every statement, the young-generation collections kept nearly every answer
 *   alive and moved it to the old generation (41 MB promoted; it waits there for a full collection),
 *   while the same loop through the callback form promoted 0.7 MB. A streamed export of 100,000
 *   appointments grew its process's memory by that garbage (ADR 62). The caller still gets a promise,
 *   and an error keeps the caller's stack, as pg's own form gives. Submittables (cursors) and calls
 *   with a callback pass through unchanged.
 */
export function wrapPooledQueries(pool: ClientPool): void {
  /** Opening statements held back, by connection. */
  const heldBy = new WeakMap<PooledClient, string[]>();
  // A connection given back with an opening statement still held never started that transaction.
  pool.on('release', (_err, client) => heldBy.delete(client));
  pool.on('connect', (client) => {
    const query = client.query as QueryFn | undefined;
    if (!query) return;
    const settle = (sent: unknown, params: unknown) =>
      new Promise((resolve, reject) => {
        query.call(client, sent, params, ((err, res) => (err ? reject(err) : resolve(res))) satisfies QueryCallback);
      }).catch((err: Error) => {
        // As pg's own promise form does: a stack that leads back to the caller, not to the socket.
        Error.captureStackTrace(err);
        throw err;
      });
    client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
      const held = heldBy.get(client) ?? [];
      const promiseForm = typeof values !== 'function' && callback === undefined;
      if (promiseForm && isSimple(config, values)) {
        if (config.startsWith(AHEAD) || OPENING.test(config.trim())) {
          heldBy.set(client, [...held, config]);
          return Promise.resolve(HELD_BACK);
        }
        const answer = config.startsWith(EACH) ? eachAnswer : (res: unknown) => res;
        const count = held.length;
        heldBy.delete(client);
        return settle(count ? [...held, config].join(';\n') : config, undefined).then((res) => answer(withoutHeld(res, count)));
      }
      const name = typeof config === 'string' && Array.isArray(values) ? preparedNames.get(config) : undefined;
      const [sent, params] = name ? [{ name, text: config, values }, undefined] : [config, values];
      const submittable = typeof (sent as { submit?: unknown } | null)?.submit === 'function';
      const opening = held.join(';\n');
      heldBy.delete(client);
      if (submittable || !promiseForm) {
        // pg runs its queue in order: the held text first, whose failure the caller's statement then meets.
        if (opening) query.call(client, opening, (() => {}) satisfies QueryCallback);
        return query.call(client, sent, params, callback);
      }
      return opening ? settle(opening, undefined).then(() => settle(sent, params)) : settle(sent, params);
    }) as PooledClient['query'];
  });
}

/**
 * Sends `sql` (its values inlined, as MikroORM inlines them) in front of the transaction's next
 * statement, in the same round trip (ADR 73), and answers nothing: for the transaction's settings
 * (`set_config(…, true)`, `set local role`), which run before that statement, and for a last write
 * whose answer nobody reads (then the next statement is the COMMIT). One that fails fails the
 * statement it went with.
 */
export async function sendWithNext(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<void> {
  await em.execute(AHEAD + sql, [...params]);
}

/** A value as an SQL literal; an array as `ARRAY[…]` (the statement's own cast gives its type, also when empty). */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(', ')}]`;
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return escapeLiteral(value.toISOString());
  return escapeLiteral(typeof value === 'string' ? value : JSON.stringify(value));
}

/**
 * A write whose answer nobody reads, made as the last thing of a transaction (the outbox's rows, the
 * audit trail's entries, written at commit): sent with the transaction's next statement, its COMMIT,
 * in one round trip (ADR 73). The statement's values are written into its text as literals (pg's own
 * escaping) in place of $1, $2, …; its failure is the COMMIT's, and nothing of the transaction stays.
 */
export async function sendWithNextOn(executor: Kysely<unknown>, statement: PreparedStatement, values: readonly unknown[]): Promise<void> {
  const text = statement.text.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index >= values.length) throw new Error(`${statement.name}: no value for $${n}`);
    return literal(values[index]);
  });
  await executor.executeQuery(CompiledQuery.raw(AHEAD + text, []));
}

/**
 * Runs `statements` (values inlined, as MikroORM inlines them) one after the other in one round trip,
 * within the transaction of `em`, and returns each one's rows as Postgres sends them. Under READ
 * COMMITTED each statement sees what was committed before it started: a read after a `select … for
 * update` sees the rows as they are once the lock is held, which one statement joining them cannot
 * (ADR 71, Refused). A failing statement fails the call, and the ones after it do not run.
 */
export async function queryEach(em: EntityManager, statements: readonly { sql: string; params?: readonly unknown[] }[]): Promise<Record<string, unknown>[][]> {
  const platform = em.getPlatform();
  const text = EACH + statements.map((s) => platform.formatQuery(s.sql, [...(s.params ?? [])])).join(';\n');
  const executor = em.getTransactionContext<Kysely<unknown>>() ?? em.getConnection().getClient<unknown>();
  const result = await executor.executeQuery<{ rows: Record<string, unknown>[] }>(CompiledQuery.raw(text, []));
  return result.rows.map((r) => r.rows);
}

/**
 * Runs one statement with its values bound as parameters ($1, $2, …), never written into the SQL
 * text, within the entity manager's transaction (or on the pool outside one); prepared once per
 * connection under `statement.name`, so Postgres reuses its plan. MikroORM's own `execute` inlines
 * every value into the text. For hot paths: rows come back as Postgres sends them, not as entities.
 */
export async function preparedQuery<R extends object>(em: EntityManager, statement: PreparedStatement, values: readonly unknown[]): Promise<R[]> {
  return preparedQueryOn<R>(em.getTransactionContext<Kysely<unknown>>() ?? em.getConnection().getClient<unknown>(), statement, values);
}

/**
 * preparedQuery on a given transaction (what a MikroORM transaction event carries) or client, for
 * code that holds the transaction but not the entity manager running it.
 */
export async function preparedQueryOn<R extends object>(executor: Kysely<unknown>, statement: PreparedStatement, values: readonly unknown[]): Promise<R[]> {
  const known = preparedNames.get(statement.text);
  if (known === undefined) {
    if ([...preparedNames.values()].includes(statement.name)) throw new Error(`another statement is prepared as ${statement.name}`);
    preparedNames.set(statement.text, statement.name);
  } else if (known !== statement.name) throw new Error(`statement ${statement.name} is prepared as ${known}`);
  const result = await executor.executeQuery<R>(CompiledQuery.raw(statement.text, [...values]));
  return result.rows;
}

/** A MikroORM instance for one service's own database, entities declared as EntitySchema. */
export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  const { connectionString, ssl } = pgConnection(options.clientUrl);
  return MikroORM.init({
    clientUrl: connectionString,
    // Merged into pg's Pool options: TLS as the URL's sslmode asks (MikroORM reads only host, port, user, password and database from it).
    driverOptions: {
      ...(ssl ? { ssl } : {}),
      onPoolCreated: (pool: ClientPool) => {
        releaseDeadConnections(pool);
        wrapPooledQueries(pool);
      },
    },
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

/**
 * Opens a service's own database, creating it when missing, with every pending migration applied;
 * then, when DATABASE_RUNTIME_ROLE is set, grants that role what the service needs at run time.
 * With MIGRATIONS=skip (a runtime role without DDL rights, ADR 39) it neither creates nor migrates,
 * and refuses to open a database with a migration pending.
 */
export async function openServiceDatabase(options: ServiceDatabaseOptions): Promise<MikroORM> {
  const { url, create } = serviceDatabaseUrl(options.env, options.service);
  const skip = options.env.MIGRATIONS === 'skip';
  if (create && !skip) await ensureDatabase(url);
  const orm = await createOrm({
    clientUrl: url,
    entities: options.entities,
    migrations: options.migrations,
    log: (message) => options.logger.debug({ orm: message }, 'mikro-orm'),
  });
  try {
    if (skip) {
      const pending = await pendingMigrations(orm, options.migrations);
      if (pending.length > 0) {
        throw new Error(`${options.service}: ${pending.length} migration(s) pending and MIGRATIONS=skip: run the migrations first (MIGRATE_ONLY=true as the owner role)`);
      }
    } else {
      await migrate(orm, options.lockKey);
      const runtimeRole = options.env.DATABASE_RUNTIME_ROLE;
      if (runtimeRole) await grantRuntimeRole(orm, runtimeRole);
    }
  } catch (err) {
    await orm.close();
    throw err;
  }
  return orm;
}

/**
 * The migrations of `migrations` the database has not run, read from MikroORM's table without the
 * migrator (whose set-up creates that table: DDL a runtime role may not do). No table: all of them.
 */
export async function pendingMigrations(orm: MikroORM, migrations: OrmOptions['migrations']): Promise<string[]> {
  const rows = await orm.em.getConnection().execute<{ name: string }[]>('select name from mikro_orm_migrations')
    .catch((err: { code?: string }) => {
      if (err.code === '42P01') return [];
      throw err;
    });
  const executed = new Set(rows.map((r) => r.name));
  return migrations.map((m) => m.name).filter((name) => !executed.has(name));
}

/**
 * Run by the migrating owner after its migrations: `role` (a login role of the service's own) may
 * connect to this database, use its tables and sequences (also those later migrations create), and
 * switch to the row-level-security roles the owner belongs to; it owns nothing and may create
 * nothing, not even temporary tables, and no other role may connect (ADR 39).
 */
export async function grantRuntimeRole(orm: MikroORM, role: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`not a plain role name: ${role}`);
  const conn = orm.em.getConnection();
  const [db] = await conn.execute<{ name: string }[]>('select current_database() as name');
  const database = `"${db!.name.replace(/"/g, '""')}"`;
  const tenantRoles = await conn.execute<{ rolname: string }[]>(
    `select r.rolname from pg_auth_members m
       join pg_roles r on r.oid = m.roleid
       join pg_roles u on u.oid = m.member
      where u.rolname = current_user and not r.rolcanlogin and r.rolname not like 'pg\\_%'`,
  );
  const statements = [
    `revoke all on database ${database} from public`,
    `grant connect on database ${database} to ${role}`,
    `revoke create on schema public from public`,
    `grant usage on schema public to ${role}`,
    `grant select, insert, update, delete on all tables in schema public to ${role}`,
    `grant usage, select, update on all sequences in schema public to ${role}`,
    `alter default privileges in schema public grant select, insert, update, delete on tables to ${role}`,
    `alter default privileges in schema public grant usage, select, update on sequences to ${role}`,
    ...tenantRoles.map((r) => `grant "${r.rolname.replace(/"/g, '""')}" to ${role}`),
  ];
  await conn.transactional(async (trx) => {
    for (const sql of statements) await conn.execute(sql, [], 'run', trx);
  });
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
    // Setting `role` is what `set local role` does (membership checked); sent with the first statement.
    await sendWithNext(tx, `select set_config('app.tenant_id', ?, true), set_config('role', ?, true)`, [tenantId, role]);
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
  await sendWithNext(em, `select set_config('app.all_tenants', 'on', true)`);
}

/**
 * Narrows the current transaction, run as the tables' owner, to one tenant's rows: the ORM's `tenant`
 * filter, `app.tenant_id` for the row-level-security policies, and the all-tenants escape off. For
 * work about one tenant that the tenant role may not do (a privacy erasure deletes what it cannot, a
 * consumer appends to that tenant's audit chain); transaction-local, like enterAllTenants.
 */
export async function enterTenantAsOwner(em: EntityManager, tenantId: string): Promise<void> {
  em.setFilterParams('tenant', { tenantId });
  await sendWithNext(em, `select set_config('app.tenant_id', ?, true), set_config('app.all_tenants', 'off', true)`, [tenantId]);
}

/** One transaction, as the tables' owner, that may read and write every tenant's rows (see enterAllTenants). */
export async function inAllTenantsTransaction<T>(orm: MikroORM, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return orm.em.fork({ clear: true }).transactional(async (tx) => {
    await enterAllTenants(tx);
    return work(tx);
  });
}
