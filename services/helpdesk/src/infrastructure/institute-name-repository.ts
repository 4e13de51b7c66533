import type { EntityManager } from '@mikro-orm/postgresql';
import type { InstituteNameRepository } from '../application/ports';
import { InstituteName } from '../domain/ticket';
import { ACROSS_TENANTS } from './ticket-repository';

/** InstituteNameRepository over MikroORM. */
export class OrmInstituteNameRepository implements InstituteNameRepository {
  constructor(private readonly em: EntityManager) {}

  get(tenantId: string): Promise<InstituteName | null> {
    return this.em.findOne(InstituteName, { tenantId });
  }

  getMany(tenantIds: readonly string[]): Promise<InstituteName[]> {
    // Support's listing names the institutes of a page of tickets: across tenants, as its unit of work is.
    return tenantIds.length === 0 ? Promise.resolve([]) : this.em.find(InstituteName, { tenantId: { $in: [...tenantIds] } }, ACROSS_TENANTS);
  }

  async remember(tenantId: string, name: string, now: Date): Promise<void> {
    await this.em.execute('insert into institute_names (tenant_id, name, learned_at) values (?, ?, ?) on conflict (tenant_id) do nothing', [tenantId, name, now]);
  }

  async remove(tenantId: string): Promise<number> {
    return (await this.em.execute<unknown[]>('delete from institute_names where tenant_id = ? returning tenant_id', [tenantId])).length;
  }
}
