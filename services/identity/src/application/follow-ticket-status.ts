import { SupportAccessChanged, type TicketStatusChanged } from '@homi/contracts';
import { AUDIT_ACTIONS } from '../domain/audit-entry';
import { endForClosedTicket } from '../domain/support-access-request';
import type { Repositories } from './ports';

/**
 * A helpdesk ticket changed status (ADR 43). Closed: identity remembers it, and every request citing
 * it ends — an unanswered one expires, an active grant ends now — each with its audit entry and
 * SupportAccessChanged (which takes the grant out of the gateway's bucket). Reopened: forgotten, so it
 * can be cited again. Under the ticket's lock, as a request citing it is. Returns the requests ended.
 */
export async function followTicketStatus(
  { supportRequests, audit, events }: Pick<Repositories, 'supportRequests' | 'audit' | 'events'>, event: TicketStatusChanged, now: Date,
): Promise<string[]> {
  const { ticketId, tenantId } = event;
  await supportRequests.lockTicket(ticketId);
  if (event.status !== 'closed') {
    await supportRequests.recordTicketClosure(ticketId, tenantId, null);
    return [];
  }
  await supportRequests.recordTicketClosure(ticketId, tenantId, new Date(event.occurredAt));
  const ended: string[] = [];
  for (const request of await supportRequests.lockOpenCiting(tenantId, ticketId)) {
    const outcome = endForClosedTicket(request, now);
    if (!outcome) continue;
    await audit.append({
      tenantId, at: now, actor: { kind: 'system' },
      action: outcome === 'expired' ? AUDIT_ACTIONS.supportExpired : AUDIT_ACTIONS.supportEnded,
      details: { requestId: request.id, ticketId, cause: 'ticket-closed' },
    });
    events.publish(SupportAccessChanged, { requestId: request.id, tenantId, occurredAt: now.toISOString() });
    ended.push(request.id);
  }
  return ended;
}
