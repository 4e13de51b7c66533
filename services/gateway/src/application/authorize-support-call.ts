import type { Membership, SupportGrant } from '@homi/contracts';
import { AppError } from '@homi/service-kit';
import { decideSupportAccess, grantPermissions, type SupportRule } from '../domain/support-access';
import type { StepUpPolicy } from '../domain/step-up';
import { assertRecentMfa } from './assert-recent-mfa';
import type { Principal, SupportGrantStore } from './ports';

export interface SupportAccessDeps {
  grants: SupportGrantStore;
  stepUp: StepUpPolicy;
  now?: () => number;
}

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
 * `support-access-out-of-scope`). The membership it returns is the grant's, role `staff`.
 */
export async function authorizeSupportCall(
  deps: SupportAccessDeps,
  principal: Principal,
  tenantId: string,
  rule: SupportRule,
): Promise<SupportAccess> {
  const now = deps.now?.() ?? Date.now();
  assertRecentMfa(principal, deps.stepUp, now);
  const decision = decideSupportAccess(await deps.grants.grantsFor(principal.userId, tenantId), rule, now);
  if (decision.kind === 'no-grant') {
    throw new AppError('forbidden', 'Support access to this tenant needs a grant approved by its owner.', {
      type: 'support-access-grant-required',
    });
  }
  if (decision.kind === 'out-of-scope') {
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
