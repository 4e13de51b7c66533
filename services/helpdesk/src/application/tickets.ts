import { TicketOpened, TicketReplied, TicketStatusChanged, type helpdeskApi, type Role, type TicketSide } from '@homi/contracts';
import { AppError, notFound } from '@homi/service-kit';
import { cursorAfter, readCursor } from '../domain/cursor';
import { noticeFor } from '../domain/reply-notice';
import { Ticket, TicketMessage } from '../domain/ticket';
import type { Deps } from './deps';
import type { Events, Repositories } from './ports';

/** A member of the institute in the path, as the gateway's caller context names them. */
export interface Member {
  userId: string;
  tenantId: string;
  role: Role;
}

/** Owners and admins see every ticket of the institute; other members only the ones they opened (issue 15). */
export const seesAllTickets = (member: Member): boolean => member.role === 'owner' || member.role === 'admin';

export const ticketNotFound = () => notFound('Ticket');
export const ticketClosed = () =>
  new AppError('conflict', 'The ticket is closed; open a new one.', { type: 'ticket-closed' });

export interface TicketWithMessages {
  ticket: Ticket;
  messages: TicketMessage[];
}

type Uow = Pick<Deps, 'uow' | 'clock' | 'newId'>;

/** A ticket of the member's institute they may see, or not_found (also for another member's ticket). */
export async function visibleTicket({ tickets }: Repositories, member: Member, ticketId: string): Promise<Ticket> {
  const ticket = await tickets.get(member.tenantId, ticketId);
  if (!ticket || (!seesAllTickets(member) && ticket.openedBy !== member.userId)) throw ticketNotFound();
  return ticket;
}

/** Adds a message to a ticket and moves its status as the reply does; both announced. Not on a closed ticket. */
export function addMessage(
  repositories: Pick<Repositories, 'messages' | 'notices'> & { events: Events },
  ticket: Ticket,
  from: TicketSide,
  authorId: string,
  body: string,
  ids: { newId: (prefix: string) => string; now: Date },
): TicketMessage {
  if (ticket.status === 'closed') throw ticketClosed();
  const { now } = ids;
  const message = new TicketMessage(ids.newId('msg'), ticket.tenantId, ticket.id, from, authorId, body, now);
  repositories.messages.add(message);
  // The other side's mail, sent after commit by the notice job: exactly this reply, once (ADR 43).
  const notice = noticeFor(ticket, message);
  if (notice) repositories.notices.add(notice);
  const occurredAt = now.toISOString();
  repositories.events.publish(TicketReplied, { tenantId: ticket.tenantId, ticketId: ticket.id, messageId: message.id, from, occurredAt });
  if (ticket.moveTo(ticket.statusAfterReply(from), now)) {
    repositories.events.publish(TicketStatusChanged, { tenantId: ticket.tenantId, ticketId: ticket.id, status: ticket.status, occurredAt });
  }
  ticket.updatedAt = now;
  return message;
}

/**
 * Learns the institute's name from identity the first time one of its members opens a ticket, so
 * support can tell institutes apart. Best effort: a ticket is never refused because identity is
 * down; the next ticket asks again.
 */
async function instituteName(deps: Pick<Deps, 'uow' | 'institutes'>, tenantId: string): Promise<string | undefined> {
  const known = await deps.uow.forTenant(tenantId, ({ institutes }) => institutes.get(tenantId));
  if (known) return undefined;
  return deps.institutes.nameOf(tenantId).catch(() => undefined);
}

/** A member opens a ticket with its first message; replies are mailed to them in `locale` (their browser's). */
export async function openTicket(
  deps: Uow & Pick<Deps, 'institutes'>, member: Member, input: helpdeskApi.OpenTicket, locale: 'nl' | 'en' = 'nl',
): Promise<TicketWithMessages> {
  const name = await instituteName(deps, member.tenantId);
  return deps.uow.forTenant(member.tenantId, async (repositories) => {
    const now = deps.clock();
    if (name !== undefined) await repositories.institutes.remember(member.tenantId, name, now);
    const ticket = new Ticket(deps.newId('tkt'), member.tenantId, member.userId, input.subject, input.category, now);
    ticket.locale = locale;
    repositories.tickets.add(ticket);
    repositories.events.publish(TicketOpened, { tenantId: ticket.tenantId, ticketId: ticket.id, category: ticket.category, occurredAt: now.toISOString() });
    const message = new TicketMessage(deps.newId('msg'), ticket.tenantId, ticket.id, 'institute', member.userId, input.message, now);
    repositories.messages.add(message);
    return { ticket, messages: [message] };
  });
}

/** The tickets of the institute the member may see, newest first, one page. */
export async function listTickets(deps: Uow, member: Member, query: helpdeskApi.ListTicketsQuery): Promise<{ items: Ticket[]; nextCursor: string | null }> {
  const after = readCursor(query.cursor);
  const rows = await deps.uow.forTenant(member.tenantId, ({ tickets }) =>
    tickets.list(member.tenantId, {
      statuses: query.status,
      openedBy: seesAllTickets(member) ? undefined : member.userId,
      limit: query.limit + 1,
      after,
    }));
  return pageOf(rows, query.limit);
}

export function pageOf(rows: Ticket[], limit: number): { items: Ticket[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? cursorAfter(last) : null };
}

/** One ticket with its conversation. */
export function getTicket(deps: Uow, member: Member, ticketId: string): Promise<TicketWithMessages> {
  return deps.uow.forTenant(member.tenantId, async (repositories) => {
    const ticket = await visibleTicket(repositories, member, ticketId);
    return { ticket, messages: await repositories.messages.ofTicket(member.tenantId, ticket.id) };
  });
}

/** A member replies on a ticket they may see. */
export function replyAsMember(deps: Uow, member: Member, ticketId: string, body: string): Promise<TicketMessage> {
  return deps.uow.forTenant(member.tenantId, async (repositories) => {
    const ticket = await visibleTicket(repositories, member, ticketId);
    return addMessage(repositories, ticket, 'institute', member.userId, body, { newId: deps.newId, now: deps.clock() });
  });
}

/** A member closes a ticket they may see; closing a closed ticket changes nothing. */
export function closeTicket(deps: Uow, member: Member, ticketId: string): Promise<Ticket> {
  return deps.uow.forTenant(member.tenantId, async (repositories) => {
    const ticket = await visibleTicket(repositories, member, ticketId);
    const now = deps.clock();
    if (ticket.moveTo('closed', now)) {
      repositories.events.publish(TicketStatusChanged, { tenantId: ticket.tenantId, ticketId: ticket.id, status: 'closed', occurredAt: now.toISOString() });
    }
    return ticket;
  });
}
