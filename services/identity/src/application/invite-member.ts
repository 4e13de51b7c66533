import type { EntityManager } from '@mikro-orm/postgresql';
import type { identityApi } from '@homi/contracts';
import { AppError } from '@homi/service-kit';
import { AUDIT_ACTIONS } from '../domain/audit-entry';
import { Invitation, INVITATION_TTL_MS } from '../domain/invitation';
import { assertMayGrant } from '../domain/member-rules';
import { assertPermissionsFitRole, resolvePermissions } from '../domain/membership';
import { appendAudit } from '../infrastructure/audit-log';
import { isUniqueViolation } from '../infrastructure/db-errors';
import { InvitationRepository } from '../infrastructure/invitation-repository';
import { hashMailToken } from '../infrastructure/mail-tokens';
import type { Deps } from './deps';
import { loadActor } from './members';
import { sendOrUnavailable } from './send-mail';

const alreadyInvited = () =>
  new AppError('conflict', 'This address already has an open invitation; withdraw it first to send a new one.', { type: 'already-invited' });

/**
 * Invites someone by address: a pending invitation, and its link mailed to the address. Nobody becomes
 * a member until the mailbox's owner accepts; the answer is the same whether or not the address has an
 * account (ADR invitations). The rules of adding a member apply as before: nobody grants above themselves.
 */
export async function inviteMember(deps: Deps, tenantId: string, actorId: string, input: identityApi.AddMember): Promise<Invitation> {
  assertPermissionsFitRole(input.role, input.permissions);
  const permissions = resolvePermissions(input.role, input.permissions);
  const now = deps.clock();
  const names = await deps.scopes.tenant(tenantId, async (em) => {
    assertMayGrant(await loadActor(em, tenantId, actorId), input.role, permissions);
    await assertNotMemberOrInvited(em, tenantId, input.email, now);
    return namesFor(em, tenantId, actorId);
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
    await deps.scopes.tenant(tenantId, async (em) => {
      assertMayGrant(await loadActor(em, tenantId, actorId), input.role, permissions);
      await assertNotMemberOrInvited(em, tenantId, input.email, now);
      new InvitationRepository(em).add(invitation);
      await em.flush();
      await appendAudit(em, {
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
async function assertNotMemberOrInvited(em: EntityManager, tenantId: string, email: string, now: Date): Promise<void> {
  const members = await em.execute(
    'select 1 from users u join memberships m on m.user_id = u.id and m.tenant_id = ? where lower(u.email) = ?',
    [tenantId, email.toLowerCase()],
  );
  if (members.length) throw new AppError('conflict', 'This person is already a member of the tenant.', { type: 'already-member' });
  if (await new InvitationRepository(em).pendingFor(tenantId, email, now)) throw alreadyInvited();
}

async function namesFor(em: EntityManager, tenantId: string, actorId: string): Promise<{ instituteName: string; inviterName: string }> {
  const [tenant] = await em.execute<{ institute_name: string }[]>('select institute_name from tenants where id = ?', [tenantId]);
  const [actor] = await em.execute<{ name: string }[]>('select name from users where id = ?', [actorId]);
  return { instituteName: tenant?.institute_name ?? '', inviterName: actor?.name ?? '' };
}
