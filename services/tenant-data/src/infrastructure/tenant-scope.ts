import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { TENANT_ROLE } from './migrations/0001-initial';

/** Runs work for exactly one tenant. Every tenant-data use case goes through it. */
export interface TenantScope {
  run<T>(tenantId: string, work: (em: EntityManager) => Promise<T>): Promise<T>;
}

/**
 * One transaction per call, in which three things hold: the ORM's tenant filter is bound to the
 * tenant, the session is switched to a role subject to row-level security, and `app.tenant_id`
 * names the tenant for the RLS policies. A bug in a query can therefore not reach another tenant.
 */
export class PostgresTenantScope implements TenantScope {
  constructor(
    private readonly orm: MikroORM,
    private readonly afterCommit: () => void = () => {},
  ) {}

  async run<T>(tenantId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    const em = this.orm.em.fork({ clear: true });
    em.setFilterParams('tenant', { tenantId });
    const result = await em.transactional(async (tx) => {
      await tx.execute(`select set_config('app.tenant_id', ?, true)`, [tenantId]);
      await tx.execute(`set local role ${TENANT_ROLE}`);
      return work(tx);
    });
    this.afterCommit();
    return result;
  }
}
