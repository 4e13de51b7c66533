import { SupportAccessChanged } from '@homi/contracts';
import { notFound } from '@homi/service-kit';
import { AUDIT_ACTIONS } from '../domain/audit-entry';
import { coApprove, type SupportAccessRequest } from '../domain/support-access-request';
import type { Deps } from './deps';
import { SUPPORT_SIDE } from './request-support-access';

/** A second support user (never the requester) vouches for a write request, which then awaits an owner. */
export async function coApproveSupportAccess(deps: Pick<Deps, 'uow' | 'clock' | 'supportRequestTtlMs'>, supportUserId: string, requestId: string): Promise<SupportAccessRequest> {
  return deps.uow.acrossTenants(SUPPORT_SIDE, async ({ supportRequests, audit, events }) => {
    const request = await supportRequests.lockAcrossTenants(requestId);
    if (!request) throw notFound('Support access request');
    const now = deps.clock();
    coApprove(request, supportUserId, now, deps.supportRequestTtlMs);
    await audit.append({
      tenantId: request.tenantId, at: now, actor: { kind: 'support', userId: supportUserId }, action: AUDIT_ACTIONS.supportCoApproved,
      details: { requestId: request.id },
    });
    events.publish(SupportAccessChanged, { requestId: request.id, tenantId: request.tenantId, occurredAt: now.toISOString() });
    return request;
  });
}
