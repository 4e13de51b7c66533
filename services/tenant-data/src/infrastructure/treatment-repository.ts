import type { EntityManager } from '@mikro-orm/postgresql';
import { OrmTenantRecords } from '@homi/service-kit';
import type { TreatmentRepository, WorkingHoursRepository } from '../application/ports';
import { Treatment } from '../domain/treatment';
import { StaffWorkingHours } from '../domain/working-hours';

/** TreatmentRepository over MikroORM. */
export class OrmTreatmentRepository extends OrmTenantRecords<Treatment> implements TreatmentRepository {
  constructor(em: EntityManager) {
    super(em, Treatment);
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
