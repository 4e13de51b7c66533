import type { EntityManager } from '@mikro-orm/postgresql';
import type { MessageRepository } from '../application/ports';
import { TicketMessage } from '../domain/ticket';
import { ACROSS_TENANTS } from './ticket-repository';

const oldestFirst = { createdAt: 'asc', id: 'asc' } as const;

/** MessageRepository over MikroORM. */
export class OrmMessageRepository implements MessageRepository {
  constructor(private readonly em: EntityManager) {}

  add(message: TicketMessage): void {
    this.em.persist(message);
  }

  ofTicket(tenantId: string, ticketId: string): Promise<TicketMessage[]> {
    return this.em.find(TicketMessage, { tenantId, ticketId }, { orderBy: oldestFirst });
  }

  ofTicketAcrossTenants(ticketId: string): Promise<TicketMessage[]> {
    return this.em.find(TicketMessage, { ticketId }, { ...ACROSS_TENANTS, orderBy: oldestFirst });
  }

  ofTenant(tenantId: string): Promise<TicketMessage[]> {
    return this.em.find(TicketMessage, { tenantId }, { orderBy: oldestFirst });
  }

  writtenByAcrossTenants(userId: string): Promise<TicketMessage[]> {
    return this.em.find(TicketMessage, { authorId: userId }, { ...ACROSS_TENANTS, orderBy: oldestFirst });
  }

  async eraseWrittenBy(userId: string, now: Date): Promise<number> {
    const rows = await this.em.execute<unknown[]>(
      'update ticket_messages set body = null, author_id = null, erased_at = ? where author_id = ? returning id', [now, userId]);
    return rows.length;
  }
}
