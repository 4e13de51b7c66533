import { SupportAccessChanged, supportApi } from '@homi/contracts';
import { AppError, notFound } from '@homi/service-kit';
import { AUDIT_ACTIONS } from '../domain/audit-entry';
import { approve, deny, narrowedScope, revoke, type SupportAccessRequest } from '../domain/support-access-request';
import type { Deps } from './deps';
import { actorOf } from './members';

type DecideDeps = Pick<Deps, 'uow' | 'clock' | 'supportRequestTtlMs'>;

type Decision = (request: SupportAccessRequest, ownerId: string, now: Date) => { action: string; details: Record<string, unknown> };

/**
 * Runs one owner decision on a request of this tenant: the caller must be an owner now (read in the
 * transaction, not the gateway's copy), the request is locked, and the change, its audit entry and
 * SupportAccessChanged (which updates the gateway's grant) commit together.
 */
async function decide(deps: DecideDeps, tenantId: string, ownerId: string, requestId: string, decision: Decision): Promise<SupportAccessRequest> {
  return deps.uow.forTenant(tenantId, async ({ memberships, supportRequests, audit, events }) => {
    const actor = await actorOf(memberships, tenantId, ownerId);
    if (actor.role !== 'owner') {
      throw new AppError('forbidden', 'Only an owner of the institute decides on support access.', { type: supportApi.SUPPORT_PROBLEMS.ownerRequired });
    }
    const request = await supportRequests.lock(tenantId, requestId);
    if (!request) throw notFound('Support access request');
    const now = deps.clock();
    const { action, details } = decision(request, ownerId, now);
    await audit.append({ tenantId, at: now, actor: { kind: 'member', userId: ownerId }, action, details: { requestId, ...details } });
    events.publish(SupportAccessChanged, { requestId, tenantId, occurredAt: now.toISOString() });
    return request;
  });
}

/** An owner opens access for what was asked or less; write only after a support colleague co-approved it. */
export function approveSupportAccess(deps: DecideDeps, tenantId: string, ownerId: string, requestId: string, input: supportApi.ApproveSupportAccess) {
  return decide(deps, tenantId, ownerId, requestId, (request, by, now) => {
    const scope = narrowedScope(request, input);
    approve(request, by, scope, now, deps.supportRequestTtlMs);
    return {
      action: AUDIT_ACTIONS.supportApproved,
      details: { modules: scope.modules, mode: scope.mode, durationMinutes: scope.minutes, expiresAt: request.expiresAt?.toISOString() },
    };
  });
}

/** An owner refuses a request that is still open. */
export function denySupportAccess(deps: DecideDeps, tenantId: string, ownerId: string, requestId: string) {
  return decide(deps, tenantId, ownerId, requestId, (request, by, now) => {
    deny(request, by, now, deps.supportRequestTtlMs);
    return { action: AUDIT_ACTIONS.supportDenied, details: {} };
  });
}

/** An owner ends active access at once; the gateway refuses the support user within a second (KV projection). */
export function revokeSupportAccess(deps: DecideDeps, tenantId: string, ownerId: string, requestId: string) {
  return decide(deps, tenantId, ownerId, requestId, (request, _by, now) => {
    revoke(request, now);
    return { action: AUDIT_ACTIONS.supportRevoked, details: {} };
  });
}
