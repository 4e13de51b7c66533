import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { AppointmentListQuery, AppointmentRepository } from '../application/ports';
import { Appointment } from '../domain/appointment';

/** AppointmentRepository over MikroORM. */
export class OrmAppointmentRepository implements AppointmentRepository {
  constructor(private readonly em: EntityManager) {}

  get(tenantId: string, id: string): Promise<Appointment | null> {
    return this.em.findOne(Appointment, { id, tenantId });
  }

  add(appointment: Appointment): void {
    this.em.persist(appointment);
  }

  remove(appointment: Appointment): void {
    this.em.remove(appointment);
  }

  list(tenantId: string, { from, to, clientId, order, limit, after }: AppointmentListQuery): Promise<Appointment[]> {
    const and: FilterQuery<Appointment>[] = [{ tenantId }];
    if (from) and.push({ endsAt: { $gt: from } });
    if (to) and.push({ startsAt: { $lt: to } });
    if (clientId) and.push({ clientId });
    if (after) {
      const s = new Date(after.s);
      const beyond = order === 'asc' ? '$gt' : '$lt';
      and.push({ $or: [{ startsAt: { [beyond]: s } }, { startsAt: s, id: { [beyond]: after.id } }] });
    }
    return this.em.find(Appointment, { $and: and }, { orderBy: { startsAt: order, id: order }, limit });
  }
}
