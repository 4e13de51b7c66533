import { MembershipChanged } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import { notFound } from '@homi/service-kit';
import { AUDIT_ACTIONS } from '../domain/audit-entry';
import { assertMayRemove } from '../domain/member-rules';
import { appendAudit } from '../infrastructure/audit-log';
import { MembershipRepository } from '../infrastructure/membership-repository';
import type { Deps } from './deps';
import { loadActor } from './members';

/**
 * Takes a colleague's access to the tenant away; the gateway refuses them within a second. The
 * account itself stays: it may belong to other tenants. The last owner cannot be removed. Audited.
 */
export async function removeMember(deps: Deps, tenantId: string, actorId: string, targetId: string): Promise<void> {
  await deps.scopes.tenant(tenantId, async (em) => {
    const memberships = new MembershipRepository(em);
    const owners = await memberships.lockOwners(tenantId);
    const actor = await loadActor(em, tenantId, actorId);
    const target = await memberships.get(tenantId, targetId);
    if (!target) throw notFound('Member');
    assertMayRemove(actor, target, owners);
    memberships.remove(target);
    const now = deps.clock();
    enqueue(em, MembershipChanged, { tenantId, userId: targetId, occurredAt: now.toISOString() });
    await appendAudit(em, {
      tenantId, at: now, actor: { kind: 'member', userId: actorId }, action: AUDIT_ACTIONS.memberRemoved, details: { userId: targetId, role: target.role },
    });
  });
}
