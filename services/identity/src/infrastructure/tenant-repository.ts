import type { EntityManager } from '@mikro-orm/postgresql';
import { Tenant } from '../domain/tenant';
import type { Tenants } from '../application/ports';

/** Tenants are no tenant-filtered rows: row-level security shows a tenant transaction its own only. */
export class TenantRepository implements Tenants {
  constructor(private readonly em: EntityManager) {}

  get(id: string): Promise<Tenant | null> {
    return this.em.findOne(Tenant, { id });
  }

  async add(tenant: Tenant): Promise<void> {
    this.em.persist(tenant);
    await this.em.flush();
  }
}
