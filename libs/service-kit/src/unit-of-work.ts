import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Contract, ContractData } from '@homi/contracts';
import { inAllTenantsTransaction, inTenantTransaction, sendWithNext } from './orm';

/**
 * The one way a use case reaches a service's data (ADR 35): each call is one transaction with its
 * row-level-security settings (ADR 4) made before the work runs, and the work sees only the
 * service's typed repositories, never a database client.
 */
export interface UnitOfWork<R> {
  /** For one tenant: the ORM's tenant filter, `app.tenant_id`, and the tenant role the policies hold. */
  forTenant<T>(tenantId: string, work: (repositories: R) => Promise<T>): Promise<T>;
  /**
   * For no single tenant (retention, a worker claiming across tenants): `app.all_tenants = 'on'` as
   * the tables' owner. `reason` says in the code, and in the debug log, why the work may cross tenants.
   */
  acrossTenants<T>(reason: string, work: (repositories: R) => Promise<T>): Promise<T>;
  /** For one user's own rows in whatever tenant they are: across tenants, with `app.user_id` naming the user. */
  asUser<T>(userId: string, work: (repositories: R) => Promise<T>): Promise<T>;
}

/**
 * What every service's use cases take besides their own ports: the unit of work `U` (the one way to
 * the data), the clock, and new prefixed ids. A service's `Deps` extends it; tests pass a fixed clock.
 */
export interface UseCaseBasics<U> {
  uow: U;
  clock: () => Date;
  newId: (prefix: string) => string;
}

export interface OrmUnitOfWorkOptions<R> {
  orm: MikroORM;
  /** The role row-level security holds, switched to for forTenant (the service connects as the tables' owner). */
  tenantRole: string;
  /** The service's repositories over one transaction's entity manager. */
  repositories: (em: EntityManager) => R;
  /**
   * After each commit, with the transaction's entity manager: e.g. a job kicked when the work wrote a
   * notice for it (`wroteNotice(tx)`). The outbox relay is kicked by the outbox itself (ADR 69).
   */
  afterCommit?: (tx: EntityManager) => void;
  logger?: { debug(obj: object, msg?: string): void };
}

/** Transactions that wrote a notice to send, by the entity manager their repositories were given (nothing outlives it). */
const noticeWriters = new WeakSet<EntityManager>();

/** The transaction of `em` wrote a notice to send (added, rescheduled): its unit of work's afterCommit can kick the notice job. */
export function noteNoticeWritten(em: EntityManager): void {
  noticeWriters.add(em);
}

/** Whether the transaction of `em` wrote a notice (see noteNoticeWritten). */
export function wroteNotice(em: EntityManager): boolean {
  return noticeWriters.has(em);
}

/** An afterCommit (a unit of work's, a consumer's) that calls `kick` after a commit that wrote a notice: the notice job's kick. */
export function afterNoticeWritten(kick: () => void): (tx: EntityManager) => void {
  return (tx) => {
    if (wroteNotice(tx)) kick();
  };
}

/** The unit of work over MikroORM and Postgres. */
export function ormUnitOfWork<R>(options: OrmUnitOfWorkOptions<R>): UnitOfWork<R> {
  const { orm, tenantRole, repositories, afterCommit = () => {}, logger } = options;
  /** Runs `work` over the repositories of the transaction `open` makes, then afterCommit with that transaction. */
  const committed = async <T>(open: (inTx: (em: EntityManager) => Promise<T>) => Promise<T>, work: (repositories: R) => Promise<T>): Promise<T> => {
    let tx: EntityManager | undefined;
    const result = await open((em) => work(repositories((tx = em))));
    if (tx) afterCommit(tx);
    return result;
  };
  return {
    forTenant: (tenantId, work) => committed((inTx) => inTenantTransaction(orm, tenantId, tenantRole, inTx), work),
    acrossTenants: (reason, work) => {
      logger?.debug({ reason }, 'unit of work across tenants');
      return committed((inTx) => inAllTenantsTransaction(orm, inTx), work);
    },
    asUser: (userId, work) =>
      committed(
        (inTx) =>
          inAllTenantsTransaction(orm, async (em) => {
            await sendWithNext(em, `select set_config('app.user_id', ?, true)`, [userId]);
            return inTx(em);
          }),
        work,
      ),
  };
}

/**
 * A unit of work over in-memory repositories, for the use cases' unit tests: every call sees the same
 * repositories; there is no row-level security to set and nothing to commit.
 */
export function inMemoryUnitOfWork<R>(repositories: R): UnitOfWork<R> {
  return {
    forTenant: (_tenantId, work) => work(repositories),
    acrossTenants: (_reason, work) => work(repositories),
    asUser: (_userId, work) => work(repositories),
  };
}

/** In-memory rows of one kind, by id, each of one tenant: the shared part of the services' in-memory repositories. */
export class InMemoryTenantRows<T extends { id: string; tenantId: string }> {
  readonly rows = new Map<string, T>();
  /** The row, or null for an unknown id or another tenant's row (as the tenant filter answers). */
  async get(tenantId: string, id: string): Promise<T | null> {
    const row = this.rows.get(id);
    return row && row.tenantId === tenantId ? row : null;
  }
  add(row: T): void {
    this.rows.set(row.id, row);
  }
  remove(row: T): void {
    this.rows.delete(row.id);
  }
}

/** In-memory rows of which each tenant has at most one (an institute's profile, its connection), by tenant. */
export class InMemoryRowPerTenant<T extends { tenantId: string }> {
  readonly rows = new Map<string, T>();
  async get(tenantId: string): Promise<T | null> {
    return this.rows.get(tenantId) ?? null;
  }
  add(row: T): void {
    this.rows.set(row.tenantId, row);
  }
  remove(row: T): void {
    this.rows.delete(row.tenantId);
  }
}

export interface PublishedEvent {
  subject: string;
  data: unknown;
}

/** An outbox for unit tests: `events.publish` checks each event against its contract and keeps it in `published`. */
export function recordedEvents() {
  const published: PublishedEvent[] = [];
  const events = {
    publish<C extends Contract>(contract: C, data: ContractData<C>): void {
      published.push({ subject: contract.subject, data: contract.schema.parse(data) });
    },
  };
  return { events, published };
}

/**
 * Time and ids for unit tests: a clock the test moves by hand (`clock.now = …`) and ids numbered in
 * the order they are made (`cli_0000000001`), so what a use case produced can be named exactly.
 */
export function testTime(start: Date = new Date('2026-03-02T09:00:00Z')) {
  let n = 0;
  const clock = { now: start };
  return {
    clock,
    now: (): Date => clock.now,
    newId: (prefix: string): string => `${prefix}_${String(++n).padStart(10, '0')}`,
  };
}
