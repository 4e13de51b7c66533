import type { EntityManager } from '@mikro-orm/postgresql';
import { Institute } from '../domain/institute';

export class InstituteRepository {
  constructor(private readonly em: EntityManager) {}

  get(tenantId: string): Promise<Institute | null> {
    return this.em.findOne(Institute, { tenantId });
  }

  add(institute: Institute): void {
    this.em.persist(institute);
  }
}
