import { SupportAccessRequested, type supportApi } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import { AppError } from '@homi/service-kit';
import { AUDIT_ACTIONS } from '../domain/audit-entry';
import { SupportAccessRequest } from '../domain/support-access-request';
import { appendAudit } from '../infrastructure/audit-log';
import { SupportRequestRepository } from '../infrastructure/support-request-repository';
import { TenantRepository } from '../infrastructure/tenant-repository';
import type { Deps } from './deps';

export function tenantNotFound(): AppError {
  return new AppError('not_found', 'Tenant was not found', { type: 'tenant-not-found' });
}

/**
 * A support user asks for access to one tenant. Nothing is granted yet: the request, one
 * notification per owner, the SupportAccessRequested event and the audit entry commit together.
 */
export async function requestSupportAccess(deps: Deps, supportUserId: string, input: supportApi.CreateSupportAccessRequest): Promise<SupportAccessRequest> {
  return deps.scopes.user(async (em) => {
    if (!(await new TenantRepository(em).get(input.tenantId))) throw tenantNotFound();
    const now = deps.clock();
    const request = new SupportAccessRequest(
      deps.newId('sar'), input.tenantId, supportUserId, input.reason, input.ticket, input.modules, input.mode, input.durationMinutes, now,
    );
    const requests = new SupportRequestRepository(em);
    requests.add(request);
    await requests.addNotifications(request, await requests.ownersOf(input.tenantId), () => deps.newId('ntf'));
    await appendAudit(em, {
      tenantId: input.tenantId, at: now, actor: { kind: 'support', userId: supportUserId }, action: AUDIT_ACTIONS.supportRequested,
      details: { requestId: request.id, reason: input.reason, ticket: input.ticket, modules: input.modules, mode: input.mode, durationMinutes: input.durationMinutes },
    });
    enqueue(em, SupportAccessRequested, { requestId: request.id, tenantId: input.tenantId, occurredAt: now.toISOString() });
    return request;
  });
}
