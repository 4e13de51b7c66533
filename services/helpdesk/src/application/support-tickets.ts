import { TicketStatusChanged, type helpdeskApi } from '@homi/contracts';
import { forbidden } from '@homi/service-kit';
import { readCursor } from '../domain/cursor';
import type { InstituteName, Ticket, TicketMessage } from '../domain/ticket';
import type { Deps } from './deps';
import { addMessage, pageOf, ticketNotFound } from './tickets';

// HOMi support's side of the helpdesk: every institute's tickets, by the institute's name only
// (issue 15: never institute data). Support reads across tenants, and says so each time.

const SUPPORT_DESK = 'HOMi support works the tickets of every institute';

type Uow = Pick<Deps, 'uow' | 'clock' | 'newId'>;

export interface SupportView {
  ticket: Ticket;
  institute: { tenantId: string; name: string | null };
}

const named = (ticket: Ticket, names: InstituteName[]): SupportView => ({
  ticket,
  institute: { tenantId: ticket.tenantId, name: names.find((n) => n.tenantId === ticket.tenantId)?.name ?? null },
});

/** One page of tickets of every institute, newest first, filtered by status, assignee and institute. */
export async function listSupportTickets(
  deps: Uow,
  supportUserId: string,
  query: helpdeskApi.SupportListTicketsQuery,
): Promise<{ items: SupportView[]; nextCursor: string | null }> {
  const after = readCursor(query.cursor);
  const assigneeId = query.assignee === 'me' ? supportUserId : query.assignee === 'none' ? null : query.assignee;
  return deps.uow.acrossTenants(SUPPORT_DESK, async ({ tickets, institutes }) => {
    const rows = await tickets.listAcrossTenants({ statuses: query.status, assigneeId, tenantId: query.institute, limit: query.limit + 1, after });
    const page = pageOf(rows, query.limit);
    const names = await institutes.getMany([...new Set(page.items.map((t) => t.tenantId))]);
    return { items: page.items.map((t) => named(t, names)), nextCursor: page.nextCursor };
  });
}

/** One ticket of any institute with its conversation. */
export function getSupportTicket(deps: Uow, ticketId: string): Promise<SupportView & { messages: TicketMessage[] }> {
  return deps.uow.acrossTenants(SUPPORT_DESK, async ({ tickets, messages, institutes }) => {
    const ticket = await tickets.getAcrossTenants(ticketId);
    if (!ticket) throw ticketNotFound();
    const names = await institutes.getMany([ticket.tenantId]);
    return { ...named(ticket, names), messages: await messages.ofTicketAcrossTenants(ticket.id) };
  });
}

/** Support replies on a ticket. */
export function replyAsSupport(deps: Uow, supportUserId: string, ticketId: string, body: string): Promise<TicketMessage> {
  return deps.uow.acrossTenants(SUPPORT_DESK, async (repositories) => {
    const ticket = await repositories.tickets.getAcrossTenants(ticketId);
    if (!ticket) throw ticketNotFound();
    return addMessage(repositories, ticket, 'support', supportUserId, body, { newId: deps.newId, now: deps.clock() });
  });
}

/**
 * Support sets a ticket's status and takes it or lets it go. A support user assigns tickets only to
 * themselves (403 `assign-yourself-only`); letting go (null) is open to any support user, for a
 * colleague who left.
 */
export async function updateSupportTicket(deps: Uow, supportUserId: string, ticketId: string, changes: helpdeskApi.UpdateTicket): Promise<SupportView> {
  if (changes.assigneeId !== undefined && changes.assigneeId !== null && changes.assigneeId !== supportUserId) {
    throw forbidden('A support user assigns tickets to themselves only.', 'assign-yourself-only');
  }
  return deps.uow.acrossTenants(SUPPORT_DESK, async ({ tickets, institutes, events }) => {
    const ticket = await tickets.getAcrossTenants(ticketId);
    if (!ticket) throw ticketNotFound();
    const now = deps.clock();
    if (changes.assigneeId !== undefined && changes.assigneeId !== ticket.assigneeId) {
      ticket.assigneeId = changes.assigneeId;
      ticket.updatedAt = now;
    }
    if (changes.status !== undefined && ticket.moveTo(changes.status, now)) {
      events.publish(TicketStatusChanged, { tenantId: ticket.tenantId, ticketId: ticket.id, status: ticket.status, occurredAt: now.toISOString() });
    }
    return named(ticket, await institutes.getMany([ticket.tenantId]));
  });
}
