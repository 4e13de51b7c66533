import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { enterTenantAsOwner, inAllTenantsTransaction, inTenantTransaction, sendWithNext } from '@homi/service-kit';
import { TENANT_ROLE } from './migrations/0001-initial';

/** Runs work for exactly one tenant, or, said out loud, across tenants. */
export interface TenantScope {
  run<T>(tenantId: string, work: (em: EntityManager) => Promise<T>): Promise<T>;
  /** One transaction that may read and write every tenant's rows: jobs that are not for one tenant (ADR 4). */
  acrossTenants<T>(work: (em: EntityManager) => Promise<T>): Promise<T>;
}

/**
 * Narrows a transaction that is already open (a consumer's, a claim's) to one tenant: the ORM
 * filter, `app.tenant_id` for row-level security and (unless ownerRole) the tenant role.
 */
export async function enterTenant(em: EntityManager, tenantId: string, options: { ownerRole?: boolean } = {}): Promise<void> {
  await enterTenantAsOwner(em, tenantId);
  // The owner role keeps the rights the tenant role lacks (deleting consent records and invoice
  // copies), for privacy erasure only; row-level security still limits it to the tenant.
  if (!options.ownerRole) await sendWithNext(em, `set local role ${TENANT_ROLE}`);
}

/**
 * One transaction per call in which the tenant filter is bound, the session runs as a role subject
 * to row-level security and `app.tenant_id` names the tenant: a query bug cannot reach another tenant.
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

  async acrossTenants<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = await inAllTenantsTransaction(this.orm, work);
    this.afterCommit();
    return result;
  }
}
