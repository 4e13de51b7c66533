import type { EntityManager } from '@mikro-orm/postgresql';
import type { TreatmentRepository, WorkingHoursRepository } from '../application/ports';
import { Treatment } from '../domain/treatment';
import { StaffWorkingHours } from '../domain/working-hours';

/** TreatmentRepository over MikroORM. */
export class OrmTreatmentRepository implements TreatmentRepository {
  constructor(private readonly em: EntityManager) {}

  get(tenantId: string, id: string): Promise<Treatment | null> {
    return this.em.findOne(Treatment, { id, tenantId });
  }

  add(treatment: Treatment): void {
    this.em.persist(treatment);
  }

  async list(tenantId: string): Promise<Treatment[]> {
    const rows = await this.em.find(Treatment, { tenantId }, { orderBy: { id: 'asc' } });
    return rows.sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || (a.id < b.id ? -1 : 1));
  }
}

/** WorkingHoursRepository over MikroORM. */
export class OrmWorkingHoursRepository implements WorkingHoursRepository {
  constructor(private readonly em: EntityManager) {}

  get(tenantId: string, userId: string): Promise<StaffWorkingHours | null> {
    return this.em.findOne(StaffWorkingHours, { tenantId, userId });
  }

  add(hours: StaffWorkingHours): void {
    this.em.persist(hours);
  }
}
