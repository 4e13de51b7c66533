import { MembershipChanged, type identityApi } from '@homi/contracts';
import { notFound } from '@homi/service-kit';
import { AUDIT_ACTIONS } from '../domain/audit-entry';
import { assertMayChange } from '../domain/member-rules';
import { assertPermissionsFitRole, resolvePermissions } from '../domain/membership';
import type { Deps } from './deps';
import type { MemberRow } from './ports';
import { actorOf } from './members';

/**
 * Changes a colleague's role and/or module permissions. A role change starts from the new role's
 * defaults; a permissions-only change adjusts the current ones. The tenant keeps at least one owner;
 * a real change is audited in the tenant's log.
 */
export async function updateMember(
  deps: Pick<Deps, 'uow' | 'clock'>,
  tenantId: string,
  actorId: string,
  targetId: string,
  changes: identityApi.UpdateMember,
): Promise<MemberRow> {
  return deps.uow.forTenant(tenantId, async ({ memberships, events, audit }) => {
    // Locked first, so that what is read below is what the rules decide on.
    const owners = await memberships.lockOwners(tenantId);
    const actor = await actorOf(memberships, tenantId, actorId);
    const target = await memberships.get(tenantId, targetId);
    if (!target) throw notFound('Member');
    const role = changes.role ?? target.role;
    assertPermissionsFitRole(role, changes.permissions);
    const permissions = resolvePermissions(role, changes.permissions, role === target.role ? target.permissions : undefined);
    assertMayChange(actor, target, role, permissions, owners);
    if (role !== target.role || JSON.stringify(permissions) !== JSON.stringify(target.permissions)) {
      const previous = { role: target.role, permissions: target.permissions };
      target.role = role;
      target.permissions = permissions;
      target.updatedAt = deps.clock();
      events.publish(MembershipChanged, { tenantId, userId: targetId, occurredAt: target.updatedAt.toISOString() });
      await audit.append({
        tenantId, at: target.updatedAt, actor: { kind: 'member', userId: actorId }, action: AUDIT_ACTIONS.memberChanged,
        details: { userId: targetId, role, permissions, previous },
      });
    }
    return memberships.row(target);
  });
}
