import type { identityApi } from '@homi/contracts';
import { AppError } from '@homi/service-kit';
import { AUDIT_ACTIONS } from '../domain/audit-entry';
import { Invitation, INVITATION_TTL_MS } from '../domain/invitation';
import { assertMayGrant } from '../domain/member-rules';
import { assertPermissionsFitRole, resolvePermissions } from '../domain/membership';
import { hashMailToken } from '../domain/mail-token';
import type { Deps } from './deps';
import { actorOf } from './members';
import type { Repositories } from './ports';
import { sendOrUnavailable } from './send-mail';
import { isUniqueViolation } from './unique-violation';

const alreadyInvited = () =>
  new AppError('conflict', 'This address already has an open invitation; withdraw it first to send a new one.', { type: 'already-invited' });

/**
 * Invites someone by address: a pending invitation, and its link mailed to the address. Nobody becomes
 * a member until the mailbox's owner accepts; the answer is the same whether or not the address has an
 * account (ADR invitations). The rules of adding a member apply as before: nobody grants above themselves.
 */
export async function inviteMember(
  deps: Pick<Deps, 'uow' | 'clock' | 'newId' | 'newToken' | 'mail' | 'links'>,
  tenantId: string, actorId: string, input: identityApi.AddMember): Promise<Invitation> {
  assertPermissionsFitRole(input.role, input.permissions);
  const permissions = resolvePermissions(input.role, input.permissions);
  const now = deps.clock();
  const names = await deps.uow.forTenant(tenantId, async (repositories) => {
    assertMayGrant(await actorOf(repositories.memberships, tenantId, actorId), input.role, permissions);
    await assertNotMemberOrInvited(repositories, tenantId, input.email, now);
    return namesFor(repositories, tenantId, actorId);
  });
  const token = deps.newToken();
  const invitation = new Invitation(
    deps.newId('ivt'), tenantId, input.email, input.name ?? null, input.role, permissions, actorId, hashMailToken(token), now,
    new Date(now.getTime() + INVITATION_TTL_MS),
  );
  // The mail first: an invitation that was never sent is not recorded (and the token of one that is
  // sent but then not recorded names nothing).
  await sendOrUnavailable(deps, input.email, 'invitation', input.locale, {
    ...names, role: input.role, link: deps.links.invitation(token), token, expiresAt: invitation.expiresAt,
  });
  try {
    await deps.uow.forTenant(tenantId, async (repositories) => {
      assertMayGrant(await actorOf(repositories.memberships, tenantId, actorId), input.role, permissions);
      await assertNotMemberOrInvited(repositories, tenantId, input.email, now);
      repositories.invitations.add(invitation);
      await repositories.invitations.save(invitation);
      await repositories.audit.append({
        tenantId, at: now, actor: { kind: 'member', userId: actorId }, action: AUDIT_ACTIONS.memberInvited,
        details: { invitationId: invitation.id, role: input.role, permissions },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'invitations_pending_email_key')) throw alreadyInvited();
    throw err;
  }
  return invitation;
}

/**
 * The tenant's own members and invitations only: under the tenant role a user row is visible only
 * when it is a member here, so this says nothing about accounts elsewhere.
 */
async function assertNotMemberOrInvited(
  { memberships, invitations }: Pick<Repositories, 'memberships' | 'invitations'>, tenantId: string, email: string, now: Date,
): Promise<void> {
  if (await memberships.hasMemberWithEmail(tenantId, email)) throw new AppError('conflict', 'This person is already a member of the tenant.', { type: 'already-member' });
  if (await invitations.pendingFor(tenantId, email, now)) throw alreadyInvited();
}

async function namesFor({ tenants, users }: Pick<Repositories, 'tenants' | 'users'>, tenantId: string, actorId: string): Promise<{ instituteName: string; inviterName: string }> {
  return { instituteName: (await tenants.get(tenantId))?.instituteName ?? '', inviterName: (await users.get(actorId))?.name ?? '' };
}
