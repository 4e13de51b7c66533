import type { EntityManager } from '@mikro-orm/postgresql';
import { Tenant } from '../domain/tenant';

export class TenantRepository {
  constructor(private readonly em: EntityManager) {}

  get(id: string): Promise<Tenant | null> {
    return this.em.findOne(Tenant, { id });
  }
}
