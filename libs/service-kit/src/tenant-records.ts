import type { EntityClass, EntityManager, FilterQuery } from '@mikro-orm/postgresql';

/**
 * What every repository of tenant-owned records with a prefixed `id` shares over MikroORM: one
 * record by tenant and id, and adding one to the unit of work. A repository extends it with its own
 * queries; row-level security keeps every read to the unit of work's tenant as well (ADR 4).
 */
export abstract class OrmTenantRecords<T extends { id: string; tenantId: string }> {
  protected constructor(
    protected readonly em: EntityManager,
    private readonly entity: EntityClass<T>,
  ) {}

  get(tenantId: string, id: string): Promise<T | null> {
    return this.em.findOne(this.entity, { id, tenantId } as FilterQuery<T>);
  }

  add(record: T): void {
    this.em.persist(record);
  }
}
