import { SupportAccessChanged } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import { notFound } from '@homi/service-kit';
import { AUDIT_ACTIONS } from '../domain/audit-entry';
import { coApprove, type SupportAccessRequest } from '../domain/support-access-request';
import { appendAudit } from '../infrastructure/audit-log';
import { SupportRequestRepository } from '../infrastructure/support-request-repository';
import type { Deps } from './deps';

/** A second support user (never the requester) vouches for a write request, which then awaits an owner. */
export async function coApproveSupportAccess(deps: Deps, supportUserId: string, requestId: string): Promise<SupportAccessRequest> {
  return deps.scopes.user(async (em) => {
    const request = await new SupportRequestRepository(em).lockAcrossTenants(requestId);
    if (!request) throw notFound('Support access request');
    const now = deps.clock();
    coApprove(request, supportUserId, now, deps.supportRequestTtlMs);
    await appendAudit(em, {
      tenantId: request.tenantId, at: now, actor: { kind: 'support', userId: supportUserId }, action: AUDIT_ACTIONS.supportCoApproved,
      details: { requestId: request.id },
    });
    enqueue(em, SupportAccessChanged, { requestId: request.id, tenantId: request.tenantId, occurredAt: now.toISOString() });
    return request;
  });
}
