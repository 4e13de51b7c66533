import type { EntityManager } from '@mikro-orm/postgresql';
import { Invitation, invitationNotFound, invitationProblem } from '../domain/invitation';
import { assertMayGrant } from '../domain/member-rules';
import { Membership } from '../domain/membership';
import { InvitationRepository } from '../infrastructure/invitation-repository';
import { hashMailToken } from '../infrastructure/mail-tokens';
import { ACROSS_TENANTS } from '../infrastructure/scopes';

/**
 * The invitation a mailed token names, if it can still be acted on; otherwise the problem its holder
 * gets (unknown code 404, expired/withdrawn/declined 410, accepted 409). `lock` for a decision.
 */
export async function usableInvitation(em: EntityManager, token: string, now: Date, lock = false): Promise<Invitation> {
  const invitation = await new InvitationRepository(em).byTokenHash(hashMailToken(token), lock);
  if (!invitation) throw invitationNotFound();
  invitation.assertUsable(now);
  return invitation;
}

/**
 * At acceptance the inviter must still be a member who may grant what was offered: an invitation
 * does not outlive the rights of the person who made it.
 */
export async function assertInviterStillMay(em: EntityManager, invitation: Invitation): Promise<void> {
  const inviter = await em.findOne(Membership, { tenantId: invitation.tenantId, userId: invitation.invitedBy }, ACROSS_TENANTS);
  try {
    if (!inviter) throw invitationProblem('revoked');
    assertMayGrant(inviter, invitation.role, invitation.permissions);
  } catch {
    throw invitationProblem('revoked');
  }
}
