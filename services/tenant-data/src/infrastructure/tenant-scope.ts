import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { inTenantTransaction } from '@homi/service-kit';
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
    const result = await inTenantTransaction(this.orm, tenantId, TENANT_ROLE, work);
    this.afterCommit();
    return result;
  }
}
