import { SupportAccessRequested, type supportApi } from '@homi/contracts';
import { AppError } from '@homi/service-kit';
import { AUDIT_ACTIONS } from '../domain/audit-entry';
import { SupportAccessRequest } from '../domain/support-access-request';
import type { Deps } from './deps';

/** Why a support user's work crosses tenants: support staff belong to no tenant, and reach one only through a request. */
export const SUPPORT_SIDE = 'support staff, who belong to no tenant, asking for or vouching for access to one';

export function tenantNotFound(): AppError {
  return new AppError('not_found', 'Tenant was not found', { type: 'tenant-not-found' });
}

/**
 * A support user asks for access to one tenant. Nothing is granted yet: the request, one
 * notification per owner, the SupportAccessRequested event and the audit entry commit together.
 */
export async function requestSupportAccess(deps: Pick<Deps, 'uow' | 'clock' | 'newId'>, supportUserId: string, input: supportApi.CreateSupportAccessRequest): Promise<SupportAccessRequest> {
  return deps.uow.acrossTenants(SUPPORT_SIDE, async ({ tenants, supportRequests: requests, audit, events }) => {
    if (!(await tenants.get(input.tenantId))) throw tenantNotFound();
    const now = deps.clock();
    const request = new SupportAccessRequest(
      deps.newId('sar'), input.tenantId, supportUserId, input.reason, input.ticket, input.modules, input.mode, input.durationMinutes, now,
    );
    requests.add(request);
    await requests.addNotifications(request, await requests.ownersOf(input.tenantId), () => deps.newId('ntf'));
    await audit.append({
      tenantId: input.tenantId, at: now, actor: { kind: 'support', userId: supportUserId }, action: AUDIT_ACTIONS.supportRequested,
      details: { requestId: request.id, reason: input.reason, ticket: input.ticket, modules: input.modules, mode: input.mode, durationMinutes: input.durationMinutes },
    });
    events.publish(SupportAccessRequested, { requestId: request.id, tenantId: input.tenantId, occurredAt: now.toISOString() });
    return request;
  });
}
