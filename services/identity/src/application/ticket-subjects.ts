import { isId } from '@homi/service-kit';
import type { SupportAccessRequest } from '../domain/support-access-request';
import type { Deps } from './deps';

/**
 * The subjects of the tickets the requests cite, asked of the helpdesk when shown (ADR 43): identity
 * keeps no copy, so an erased subject is gone here too. Best effort: a ticket the helpdesk does not
 * answer for now, or of another institute, shows no subject (null), and the list still answers.
 */
export async function ticketSubjects(deps: Pick<Deps, 'tickets' | 'logger'>, requests: readonly SupportAccessRequest[]): Promise<Map<string, string | null>> {
  const cited = new Map<string, string>();
  // Requests from before ADR 43 cite a free-text reference, which names no helpdesk ticket.
  for (const r of requests) if (isId(r.ticket, 'tkt')) cited.set(r.ticket, r.tenantId);
  const subjects = new Map<string, string | null>();
  await Promise.all([...cited].map(async ([ticketId, tenantId]) => {
    const facts = await deps.tickets.facts(ticketId).catch((err: unknown) => {
      deps.logger.warn({ err, ticketId }, 'ticket subject not available from the helpdesk');
      return undefined;
    });
    subjects.set(ticketId, facts && facts.tenantId === tenantId ? facts.subject : null);
  }));
  return subjects;
}
