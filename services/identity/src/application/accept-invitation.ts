import { MembershipChanged } from '@homi/contracts';
import { AppError, notFound } from '@homi/service-kit';
import { AUDIT_ACTIONS } from '../domain/audit-entry';
import type { Invitation } from '../domain/invitation';
import { Membership } from '../domain/membership';
import type { Deps } from './deps';
import { assertInviterStillMay, usableInvitation } from './invitation-by-token';
import type { Repositories } from './ports';

export interface AcceptedInvitation {
  tenantId: string;
  membership: Membership;
}

/**
 * The signed-in invitee accepts: only with the mailed token (the mailbox) and only into the account
 * whose confirmed address is the invitation's (the account). The membership exists from here on.
 */
export async function acceptInvitation(deps: Pick<Deps, 'uow' | 'clock' | 'logger' | 'projectNow'>, userId: string, token: string): Promise<AcceptedInvitation> {
  const now = deps.clock();
  const accepted = await deps.uow.asUser(userId, async (repositories) => {
    const invitation = await usableInvitation(repositories.invitations, token, now, true);
    const user = await repositories.users.get(userId);
    if (!user) throw notFound('User');
    if (user.status === 'disabled') throw new AppError('conflict', 'This account is being deleted.', { type: 'account-disabled' });
    if (user.email.toLowerCase() !== invitation.email.toLowerCase()) {
      throw new AppError('forbidden', 'This invitation is for another e-mail address: sign in with the account at that address.', {
        type: 'invitation-email-mismatch',
      });
    }
    const existing = await repositories.memberships.getAcrossTenants(invitation.tenantId, userId);
    if (existing) throw new AppError('conflict', 'You are already a member of this institute.', { type: 'already-member' });
    return joinTenant(repositories, invitation, userId, now);
  });
  await deps.projectNow?.({ userId, tenantId: accepted.tenantId }).catch((err: unknown) => deps.logger.warn({ err, userId }, 'access not projected yet; the event will'));
  return accepted;
}

/** Inside the deciding unit of work: the membership as offered, the invitation used up, the event and the audit entry. */
export async function joinTenant(
  { memberships, invitations, events, audit }: Pick<Repositories, 'memberships' | 'invitations' | 'events' | 'audit'>,
  invitation: Invitation,
  userId: string,
  now: Date,
): Promise<AcceptedInvitation> {
  await assertInviterStillMay(memberships, invitation);
  const membership = new Membership(invitation.tenantId, userId, invitation.role, invitation.permissions, now);
  memberships.add(membership);
  invitation.decide('accepted', now, userId);
  await invitations.save(invitation);
  events.publish(MembershipChanged, { tenantId: invitation.tenantId, userId, occurredAt: now.toISOString() });
  await audit.append({
    tenantId: invitation.tenantId, at: now, actor: { kind: 'member', userId }, action: AUDIT_ACTIONS.memberAdded,
    details: { invitationId: invitation.id, userId, role: invitation.role, permissions: invitation.permissions, invitedBy: invitation.invitedBy },
  });
  return { tenantId: invitation.tenantId, membership };
}
