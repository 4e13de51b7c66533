import { MembershipChanged } from '@homi/contracts';
import { notFound } from '@homi/service-kit';
import { AUDIT_ACTIONS } from '../domain/audit-entry';
import { assertMayRemove } from '../domain/member-rules';
import type { Deps } from './deps';
import { actorOf } from './members';

/**
 * Takes a colleague's access to the tenant away; the gateway refuses them within a second. The
 * account itself stays: it may belong to other tenants. The last owner cannot be removed. Audited.
 */
export async function removeMember(deps: Pick<Deps, 'uow' | 'clock'>, tenantId: string, actorId: string, targetId: string): Promise<void> {
  await deps.uow.forTenant(tenantId, async ({ memberships, events, audit }) => {
    const owners = await memberships.lockOwners(tenantId);
    const actor = await actorOf(memberships, tenantId, actorId);
    const target = await memberships.get(tenantId, targetId);
    if (!target) throw notFound('Member');
    assertMayRemove(actor, target, owners);
    memberships.remove(target);
    const now = deps.clock();
    events.publish(MembershipChanged, { tenantId, userId: targetId, occurredAt: now.toISOString() });
    await audit.append({
      tenantId, at: now, actor: { kind: 'member', userId: actorId }, action: AUDIT_ACTIONS.memberRemoved, details: { userId: targetId, role: target.role },
    });
  });
}
