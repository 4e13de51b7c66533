import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { OrmTenantRecords } from '@homi/service-kit';
import type { TicketStatus } from '@homi/contracts';
import type { SupportTicketQuery, TicketListQuery, TicketRepository } from '../application/ports';
import type { TicketCursor } from '../domain/cursor';
import { Ticket } from '../domain/ticket';

/** Turns the ORM's tenant filter off: only for the methods named …AcrossTenants, run in a unit of work across tenants. */
export const ACROSS_TENANTS = { filters: { tenant: false } } as const;

const newestFirst = { createdAt: 'desc', id: 'desc' } as const;

function beforeCursor(after: TicketCursor | undefined): FilterQuery<Ticket> {
  if (!after) return {};
  const createdAt = new Date(after.createdAt);
  return { $or: [{ createdAt: { $lt: createdAt } }, { createdAt, id: { $lt: after.id } }] };
}

const statusIn = (statuses: readonly TicketStatus[] | undefined): FilterQuery<Ticket> => (statuses ? { status: { $in: [...statuses] } } : {});

/** TicketRepository over MikroORM; row-level security keeps the tenant methods to the unit of work's tenant as well. */
export class OrmTicketRepository extends OrmTenantRecords<Ticket> implements TicketRepository {
  constructor(em: EntityManager) {
    super(em, Ticket);
  }

  list(tenantId: string, { statuses, openedBy, limit, after }: TicketListQuery): Promise<Ticket[]> {
    const where: FilterQuery<Ticket> = { $and: [{ tenantId }, openedBy ? { openedBy } : {}, statusIn(statuses), beforeCursor(after)] };
    return this.em.find(Ticket, where, { orderBy: newestFirst, limit });
  }

  getAcrossTenants(id: string): Promise<Ticket | null> {
    return this.em.findOne(Ticket, { id }, ACROSS_TENANTS);
  }

  listAcrossTenants({ statuses, assigneeId, tenantId, limit, after }: SupportTicketQuery): Promise<Ticket[]> {
    const where: FilterQuery<Ticket> = {
      $and: [tenantId ? { tenantId } : {}, assigneeId !== undefined ? { assigneeId } : {}, statusIn(statuses), beforeCursor(after)],
    };
    return this.em.find(Ticket, where, { ...ACROSS_TENANTS, orderBy: newestFirst, limit });
  }

  openedByAcrossTenants(userId: string): Promise<Ticket[]> {
    return this.em.find(Ticket, { openedBy: userId }, { ...ACROSS_TENANTS, orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  async forgetOpener(userId: string, now: Date): Promise<number> {
    const rows = await this.em.execute<unknown[]>(
      'update tickets set opened_by = null, subject = null, updated_at = ? where opened_by = ? returning id', [now, userId]);
    return rows.length;
  }

  async removeAllOf(tenantId: string): Promise<{ tickets: number; messages: number }> {
    // Counted from what this run's deletes return: a concurrent run of the same command finds nothing left.
    const messages = await this.em.execute<unknown[]>('delete from ticket_messages where tenant_id = ? returning id', [tenantId]);
    const tickets = await this.em.execute<unknown[]>('delete from tickets where tenant_id = ? returning id', [tenantId]);
    return { tickets: tickets.length, messages: messages.length };
  }
}
