import { hashMailToken } from '../domain/mail-token';
import { invitationNotFound, invitationProblem, type Invitation } from '../domain/invitation';
import { assertMayGrant } from '../domain/member-rules';
import type { Invitations, Memberships } from './ports';

/**
 * The invitation a mailed token names, if it can still be acted on; otherwise the problem its holder
 * gets (unknown code 404, expired/withdrawn/declined 410, accepted 409). `lock` for a decision.
 */
export async function usableInvitation(invitations: Pick<Invitations, 'byTokenHashAcrossTenants'>, token: string, now: Date, lock = false): Promise<Invitation> {
  const invitation = await invitations.byTokenHashAcrossTenants(hashMailToken(token), lock);
  if (!invitation) throw invitationNotFound();
  invitation.assertUsable(now);
  return invitation;
}

/**
 * At acceptance the inviter must still be a member who may grant what was offered: an invitation
 * does not outlive the rights of the person who made it.
 */
export async function assertInviterStillMay(memberships: Pick<Memberships, 'getAcrossTenants'>, invitation: Invitation): Promise<void> {
  const inviter = await memberships.getAcrossTenants(invitation.tenantId, invitation.invitedBy);
  try {
    if (!inviter) throw invitationProblem('revoked');
    assertMayGrant(inviter, invitation.role, invitation.permissions);
  } catch {
    throw invitationProblem('revoked');
  }
}
