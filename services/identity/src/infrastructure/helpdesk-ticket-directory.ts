import { helpdeskApi } from '@homi/contracts';
import { getFromService, type ServiceEndpoint } from '@homi/service-kit';
import type { TicketDirectory, TicketFacts } from '../application/ports';

/**
 * A ticket's facts from the helpdesk's internal route, asked with identity's bound service credential
 * (ADR 38). 404 means no such ticket; anything else that is not an answer throws. The subject is
 * personal data: errors name the status only.
 */
export class HelpdeskTicketDirectory implements TicketDirectory {
  constructor(private readonly endpoint: ServiceEndpoint) {}

  async facts(ticketId: string): Promise<TicketFacts | undefined> {
    const res = await getFromService(this.endpoint, 'helpdesk', helpdeskApi.helpdeskInternalPaths.ticket(ticketId));
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`the helpdesk did not give the ticket: HTTP ${res.status}`);
    const facts = helpdeskApi.TicketFacts.safeParse(res.body);
    if (!facts.success || facts.data.id !== ticketId) throw new Error('the helpdesk answered ticket facts of an unexpected shape');
    return { tenantId: facts.data.tenantId, status: facts.data.status, subject: facts.data.subject };
  }
}
