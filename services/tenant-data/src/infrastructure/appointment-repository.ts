import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { OrmTenantRecords } from '@homi/service-kit';
import type { AppointmentListQuery, AppointmentRepository } from '../application/ports';
import { Appointment } from '../domain/appointment';

/** AppointmentRepository over MikroORM. */
export class OrmAppointmentRepository extends OrmTenantRecords<Appointment> implements AppointmentRepository {
  constructor(em: EntityManager) {
    super(em, Appointment);
  }

  remove(appointment: Appointment): void {
    this.em.remove(appointment);
  }

  list(tenantId: string, { from, to, clientId, staffId, order, limit, after }: AppointmentListQuery): Promise<Appointment[]> {
    const and: FilterQuery<Appointment>[] = [{ tenantId }];
    if (from) and.push({ endsAt: { $gt: from } });
    if (to) and.push({ startsAt: { $lt: to } });
    if (clientId) and.push({ clientId });
    if (staffId) and.push({ staffId });
    if (after) {
      const s = new Date(after.s);
      const beyond = order === 'asc' ? '$gt' : '$lt';
      and.push({ $or: [{ startsAt: { [beyond]: s } }, { startsAt: s, id: { [beyond]: after.id } }] });
    }
    return this.em.find(Appointment, { $and: and }, { orderBy: { startsAt: order, id: order }, limit });
  }

  findOverlap(tenantId: string, staffId: string, startsAt: Date, endsAt: Date, exceptId?: string): Promise<Appointment | null> {
    const where: FilterQuery<Appointment> = { tenantId, staffId, status: { $ne: 'cancelled' }, startsAt: { $lt: endsAt }, endsAt: { $gt: startsAt } };
    return this.em.findOne(Appointment, exceptId ? { $and: [where, { id: { $ne: exceptId } }] } : where, { orderBy: { startsAt: 'asc' } });
  }

  async countByStatus(tenantId: string, clientId: string): Promise<Partial<Record<Appointment['status'], number>>> {
    // em.execute: inside the unit of work's transaction, so row-level security applies.
    const rows = await this.em.execute<{ status: Appointment['status']; n: string }[]>(
      'select status, count(*) as n from appointments where tenant_id = ? and client_id = ? group by status',
      [tenantId, clientId],
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
