import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { inAllTenantsTransaction, inTenantTransaction } from '@homi/service-kit';
import { TENANT_ROLE } from './migrations/0001-initial';

/**
 * The two kinds of transaction identity runs. `tenant` is for the members routes: isolated to one
 * tenant by the ORM filter and row-level security (ADR 4). `user` is for work that is about one
 * person or the platform and crosses tenants by nature (sign-up, /me, support staff's requests, the
 * sweeper, the expiry job): it runs as the service's own role and declares itself cross-tenant
 * (`app.all_tenants`), without which forced row-level security would show it no tenant's rows, so its
 * code must name the tenants it touches.
 */
export interface Scopes {
  tenant<T>(tenantId: string, work: (em: EntityManager) => Promise<T>): Promise<T>;
  user<T>(work: (em: EntityManager) => Promise<T>): Promise<T>;
}

export class PostgresScopes implements Scopes {
  constructor(
    private readonly orm: MikroORM,
    private readonly afterCommit: () => void = () => {},
  ) {}

  async tenant<T>(tenantId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = await inTenantTransaction(this.orm, tenantId, TENANT_ROLE, work);
    this.afterCommit();
    return result;
  }

  async user<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = await inAllTenantsTransaction(this.orm, work);
    this.afterCommit();
    return result;
  }
}

/** Options for a query on memberships outside a tenant scope: says in the code that it crosses tenants. */
export const ACROSS_TENANTS = { filters: { tenant: false } } as const;
