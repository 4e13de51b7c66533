import { SupportAccessRequested, supportApi } from '@homi/contracts';
import { AppError } from '@homi/service-kit';
import { AUDIT_ACTIONS } from '../domain/audit-entry';
import { SupportAccessRequest } from '../domain/support-access-request';
import type { Deps } from './deps';
import type { TicketFacts } from './ports';

/** Why a support user's work crosses tenants: support staff belong to no tenant, and reach one only through a request. */
export const SUPPORT_SIDE = 'support staff, who belong to no tenant, asking for or vouching for access to one';

export function tenantNotFound(): AppError {
  return new AppError('not_found', 'Tenant was not found', { type: 'tenant-not-found' });
}

const ticketRequired = () =>
  new AppError('unprocessable', 'Support access must cite an open helpdesk ticket of this institute.', {
    type: supportApi.TICKET_REQUIRED_PROBLEM,
    errors: [{ path: 'ticketId', message: 'must be an open ticket of this institute' }],
  });

/** Open means not closed: a `solved` ticket may still need a look before the institute confirms (ADR 43). */
export const citable = (facts: TicketFacts | undefined, tenantId: string): boolean =>
  facts !== undefined && facts.tenantId === tenantId && facts.status !== 'closed';

/** The helpdesk's answer, asked before any transaction: no lock is held while it answers. */
async function ticketFacts(deps: Pick<Deps, 'tickets'>, ticketId: string): Promise<TicketFacts | undefined> {
  try {
    return await deps.tickets.facts(ticketId);
  } catch (err) {
    throw new AppError('unavailable', 'The helpdesk cannot confirm the ticket now; nothing was recorded. Try again shortly.', { type: 'helpdesk-unavailable', cause: err });
  }
}

/**
 * A support user asks for access to one tenant, citing an open helpdesk ticket of that tenant (else
 * 422 `ticket-required`, nothing recorded). Nothing is granted yet: the request, one notification per
 * owner, the SupportAccessRequested event and the audit entry commit together, under the ticket's
 * lock, so a closing that commits first refuses it and one that commits after ends it.
 */
export async function requestSupportAccess(
  deps: Pick<Deps, 'uow' | 'clock' | 'newId' | 'tickets'>, supportUserId: string, input: supportApi.CreateSupportAccessRequest,
): Promise<SupportAccessRequest> {
  const { ticketId } = input;
  const facts = ticketId ? await ticketFacts(deps, ticketId) : undefined;
  return deps.uow.acrossTenants(SUPPORT_SIDE, async ({ tenants, supportRequests: requests, audit, events }) => {
    if (!(await tenants.get(input.tenantId))) throw tenantNotFound();
    if (!ticketId) throw ticketRequired();
    await requests.lockTicket(ticketId);
    if (!citable(facts, input.tenantId) || (await requests.isTicketClosed(ticketId))) throw ticketRequired();
    const now = deps.clock();
    const request = new SupportAccessRequest(
      deps.newId('sar'), input.tenantId, supportUserId, input.reason, ticketId, input.modules, input.mode, input.durationMinutes, now,
    );
    requests.add(request);
    await requests.addNotifications(request, await requests.ownersOf(input.tenantId), () => deps.newId('ntf'));
    await audit.append({
      tenantId: input.tenantId, at: now, actor: { kind: 'support', userId: supportUserId }, action: AUDIT_ACTIONS.supportRequested,
      details: { requestId: request.id, reason: input.reason, ticketId, modules: input.modules, mode: input.mode, durationMinutes: input.durationMinutes },
    });
    events.publish(SupportAccessRequested, { requestId: request.id, tenantId: input.tenantId, occurredAt: now.toISOString() });
    return request;
  });
}
