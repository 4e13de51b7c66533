import type { helpdeskApi } from '@homi/contracts';
import type { Deps } from './deps';
import { ticketNotFound } from './tickets';

const IDENTITY_ASKS = 'identity checks the ticket a support access request cites, in whichever institute';

/** What identity may know of a ticket a support access request cites (ADR 43): whose, its status, its subject. */
export async function getTicketFacts(deps: Pick<Deps, 'uow'>, ticketId: string): Promise<helpdeskApi.TicketFacts> {
  const ticket = await deps.uow.acrossTenants(IDENTITY_ASKS, ({ tickets }) => tickets.getAcrossTenants(ticketId));
  if (!ticket) throw ticketNotFound();
  return { id: ticket.id, tenantId: ticket.tenantId, status: ticket.status, subject: ticket.subject };
}
