import type { Membership } from '@homi/contracts';
import { AppError, isId } from '@homi/service-kit';
import { decideAccess, describeRule, type AccessRule } from '../domain/access';
import type { Principal } from '../domain/principal';
import type { MembershipStore } from './ports';

/** The one answer for a malformed id, an unknown tenant and a tenant the caller is not a member of. */
const tenantNotFound = () => new AppError('not_found', 'Tenant was not found');

/**
 * Returns the principal's membership of the tenant only when it satisfies the rule; a non-member
 * learns nothing about whether the tenant exists (404), a member lacking a module level gets 403.
 */
export async function authorizeTenantCall(
  memberships: MembershipStore,
  principal: Principal,
  tenantId: string,
  rule: AccessRule,
): Promise<Membership> {
  if (!isId(tenantId, 'ten')) throw tenantNotFound();
  const membership = await memberships.get(principal.userId, tenantId);
  const decision = decideAccess(membership, rule);
  if (decision === 'not-member' || !membership) throw tenantNotFound();
  if (decision === 'insufficient') {
    const type = rule.kind === 'role' ? 'role-required' : 'module-permission-required';
    throw new AppError('forbidden', `This needs ${describeRule(rule)} in this tenant.`, { type });
  }
  return membership;
}
