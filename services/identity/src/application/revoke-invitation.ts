import { AppError } from '@homi/service-kit';
import { AUDIT_ACTIONS } from '../domain/audit-entry';
import { assertMayGrant } from '../domain/member-rules';
import type { Deps } from './deps';
import { actorOf } from './members';

/**
 * Withdraws an open invitation; its link then answers 410. Nobody withdraws an invitation to more
 * than they could grant themselves.
 */
export async function revokeInvitation(deps: Pick<Deps, 'uow' | 'clock'>, tenantId: string, actorId: string, invitationId: string): Promise<void> {
  const now = deps.clock();
  await deps.uow.forTenant(tenantId, async ({ memberships, invitations, audit }) => {
    const actor = await actorOf(memberships, tenantId, actorId);
    const invitation = await invitations.get(tenantId, invitationId);
    if (!invitation) throw new AppError('not_found', 'Invitation was not found', { type: 'invitation-not-found' });
    if (invitation.statusAt(now) !== 'pending') {
      throw new AppError('conflict', `This invitation is ${invitation.statusAt(now)}, no longer open.`, { type: 'invitation-not-pending' });
    }
    assertMayGrant(actor, invitation.role, invitation.permissions);
    invitation.decide('revoked', now);
    await invitations.save(invitation);
    await audit.append({
      tenantId, at: now, actor: { kind: 'member', userId: actorId }, action: AUDIT_ACTIONS.invitationRevoked, details: { invitationId },
    });
  });
}
