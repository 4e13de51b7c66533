import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { Appointment } from '../domain/appointment';

export interface AppointmentListQuery {
  from?: Date;
  to?: Date;
  clientId?: string;
  order: 'asc' | 'desc';
  limit: number;
  after?: { s: string; id: string };
}

/** Appointments of one tenant. Every method takes the tenantId; none can be called without it. */
export class AppointmentRepository {
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

  /** Ordered by start time, then id, either way; `after` continues from the last row of a previous page. */
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
