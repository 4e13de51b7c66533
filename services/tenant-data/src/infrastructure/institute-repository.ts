import type { EntityManager } from '@mikro-orm/postgresql';
import type { InstituteRepository } from '../application/ports';
import { Institute } from '../domain/institute';

/** InstituteRepository over MikroORM. */
export class OrmInstituteRepository implements InstituteRepository {
  constructor(private readonly em: EntityManager) {}

  get(tenantId: string): Promise<Institute | null> {
    return this.em.findOne(Institute, { tenantId });
  }

  add(institute: Institute): void {
    this.em.persist(institute);
  }
}
