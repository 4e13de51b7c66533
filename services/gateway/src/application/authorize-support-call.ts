import type { Membership, SupportGrant, SupportRefusalReason } from '@homi/contracts';
import { AppError } from '@homi/service-kit';
import type { Principal } from '../domain/principal';
import { decideSupportAccess, grantPermissions, longestLasting, type SupportRule } from '../domain/support-access';
import type { StepUpPolicy } from '../domain/step-up';
import { assertRecentMfa } from './assert-recent-mfa';
import type { SupportGrantStore } from './ports';
import type { SupportRefusal } from './report-support-refusal';

export interface SupportAccessDeps {
  grants: SupportGrantStore;
  stepUp: StepUpPolicy;
  now?: () => number;
  /** Told of every refusal, for the tenant's audit log; must not block or throw. */
  refusals?: { refused(refusal: SupportRefusal): void };
}

/** The call being judged, as the tenant's audit log names it: method, route template, well-formed ids. */
export type SupportCall = Pick<SupportRefusal, 'method' | 'route' | 'resourceIds'>;

export const SUPPORT_ROLE = 'support';

/** A support user's access to a tenant under a grant: the grant, and the membership services are told of. */
export interface SupportAccess {
  grant: SupportGrant;
  membership: Membership;
}

/**
 * Lets a support user (realm role `support`, no membership) into a tenant only with a recent
 * multi-factor login (else 401 `step-up-required`), an active grant of that tenant (else 403
 * `support-access-grant-required`) that covers the route's module and mode (else 403
 * `support-access-out-of-scope`). The membership it returns is the grant's, role `staff`. Every
 * refusal of a described `call` is reported to `deps.refusals` before it is thrown.
 */
export async function authorizeSupportCall(
  deps: SupportAccessDeps,
  principal: Principal,
  tenantId: string,
  rule: SupportRule,
  call?: SupportCall,
): Promise<SupportAccess> {
  const now = deps.now?.() ?? Date.now();
  const report = (reason: SupportRefusalReason, supportRequestId?: string) => {
    if (call) deps.refusals?.refused({ ...call, tenantId, supportUserId: principal.userId, reason, ...(supportRequestId ? { supportRequestId } : {}) });
  };
  try {
    assertRecentMfa(principal, deps.stepUp, now);
  } catch (err) {
    report('step-up-required');
    throw err;
  }
  const decision = decideSupportAccess(await deps.grants.grantsFor(principal.userId, tenantId), rule, now);
  if (decision.kind === 'no-grant') {
    report('support-access-grant-required');
    throw new AppError('forbidden', 'Support access to this tenant needs a grant approved by its owner.', {
      type: 'support-access-grant-required',
    });
  }
  if (decision.kind === 'out-of-scope') {
    report('support-access-out-of-scope', longestLasting(decision.grants).requestId);
    throw new AppError('forbidden', 'Your support access grant does not cover this route or this kind of change.', {
      type: 'support-access-out-of-scope',
    });
  }
  const { grant } = decision;
  return {
    grant,
    membership: { userId: principal.userId, tenantId, role: 'staff', permissions: grantPermissions(grant), updatedAt: grant.startsAt },
  };
}
