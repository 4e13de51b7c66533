import { AppError, forbidden } from '@homi/service-kit';
import type { Ticket } from '../domain/ticket';
import type { Deps } from './deps';
import type { Repositories } from './ports';
import { ticketClosed, visibleTicket, type Member } from './tickets';

type Uow = Pick<Deps, 'uow'>;

/**
 * The `my-data` ticket the member opened, ready to be turned into a privacy request about them
 * (ADR 44): one they may see (404 otherwise), of that category, their own (the request is about
 * whoever makes it), and open unless it was turned into a request already.
 */
async function ownMyDataTicket(repositories: Repositories, member: Member, ticketId: string): Promise<Ticket> {
  const ticket = await visibleTicket(repositories, member, ticketId);
  if (ticket.category !== 'my-data') {
    throw new AppError('conflict', 'Only a ticket about your own data (category my-data) becomes a privacy request.', { type: 'not-a-my-data-ticket' });
  }
  if (ticket.openedBy !== member.userId) throw forbidden('Only the member who opened the ticket can turn it into a request about their data.', 'ticket-opener-only');
  if (!ticket.privacyRequestId && ticket.status === 'closed') throw ticketClosed();
  return ticket;
}

/** Whether the member may turn the ticket into a privacy request, and the request it already became, if any. */
export function privacyRequestOfTicket(deps: Uow, member: Member, ticketId: string): Promise<string | null> {
  return deps.uow.forTenant(member.tenantId, async (repositories) => (await ownMyDataTicket(repositories, member, ticketId)).privacyRequestId);
}

/** Links the ticket to the privacy request made from it; the same link again changes nothing, another one is a conflict. */
export function linkPrivacyRequest(deps: Uow, member: Member, ticketId: string, privacyRequestId: string): Promise<Ticket> {
  return deps.uow.forTenant(member.tenantId, async (repositories) => {
    const ticket = await ownMyDataTicket(repositories, member, ticketId);
    if (ticket.privacyRequestId && ticket.privacyRequestId !== privacyRequestId) {
      throw new AppError('conflict', 'The ticket was turned into another privacy request.', { type: 'ticket-has-privacy-request' });
    }
    ticket.privacyRequestId = privacyRequestId;
    return ticket;
  });
}
