import { MembershipChanged, UserAccessChanged, type identityApi } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import { AppError } from '@homi/service-kit';
import { AUDIT_ACTIONS } from '../domain/audit-entry';
import { assertMayGrant } from '../domain/member-rules';
import { assertPermissionsFitRole, Membership, resolvePermissions } from '../domain/membership';
import { User } from '../domain/user';
import { appendAudit } from '../infrastructure/audit-log';
import { isUniqueViolation } from '../infrastructure/db-errors';
import { MembershipRepository, type MemberRow } from '../infrastructure/membership-repository';
import { UserRepository } from '../infrastructure/user-repository';
import type { Deps } from './deps';
import { loadActor } from './members';

interface Colleague {
  userId: string;
  name: string;
  /** No user row yet: it is inserted with the membership. */
  newRow: boolean;
  /** The account was made by this call: deleted again if the membership is not made. */
  newAccount: boolean;
}

/**
 * Gives a colleague access to the tenant with a role and module permissions, linking their
 * existing account or creating one (with an invitation to choose a password). Audited in the tenant's log.
 */
export async function addMember(deps: Deps, tenantId: string, actorId: string, input: identityApi.AddMember): Promise<MemberRow> {
  assertPermissionsFitRole(input.role, input.permissions);
  const permissions = resolvePermissions(input.role, input.permissions);
  await deps.scopes.tenant(tenantId, async (em) => assertMayGrant(await loadActor(em, tenantId, actorId), input.role, permissions));
  const colleague = await findOrCreateAccount(deps, input);
  let row: MemberRow;
  try {
    row = await deps.scopes.tenant(tenantId, async (em) => {
      assertMayGrant(await loadActor(em, tenantId, actorId), input.role, permissions);
      const memberships = new MembershipRepository(em);
      if (await memberships.get(tenantId, colleague.userId)) {
        throw new AppError('conflict', 'This person is already a member of the tenant.', { type: 'already-member' });
      }
      const now = deps.clock();
      if (colleague.newRow) await new UserRepository(em).insertColleague(new User(colleague.userId, input.email, colleague.name, now));
      const membership = new Membership(tenantId, colleague.userId, input.role, permissions, now);
      memberships.add(membership);
      enqueue(em, MembershipChanged, { tenantId, userId: colleague.userId, occurredAt: now.toISOString() });
      if (colleague.newRow) enqueue(em, UserAccessChanged, { userId: colleague.userId, occurredAt: now.toISOString() });
      await appendAudit(em, {
        tenantId, at: now, actor: { kind: 'member', userId: actorId }, action: AUDIT_ACTIONS.memberAdded,
        details: { userId: colleague.userId, role: input.role, permissions },
      });
      return { membership, email: input.email, name: colleague.name };
    });
  } catch (err) {
    if (colleague.newAccount) await deps.idp.deleteUser(colleague.userId).catch((e: unknown) => deps.logger.error({ err: e }, 'could not delete an account made for a failed member addition'));
    if (isUniqueViolation(err, 'users_email_key')) throw new AppError('conflict', 'This account was being created at the same time; try again.', { type: 'concurrent-change' });
    throw err;
  }
  if (colleague.newAccount) {
    await deps.idp.sendInvitation(colleague.userId).catch((err: unknown) => deps.logger.warn({ err, userId: colleague.userId }, 'invitation not sent'));
  }
  return row;
}

async function findOrCreateAccount(deps: Deps, input: identityApi.AddMember): Promise<Colleague> {
  const existing = await deps.scopes.user((em) => new UserRepository(em).findByEmail(input.email));
  if (existing?.status === 'disabled') {
    throw new AppError('conflict', 'This account is being deleted and cannot be added.', { type: 'account-disabled' });
  }
  if (existing) return { userId: existing.id, name: existing.name, newRow: false, newAccount: false };
  const account = await deps.idp.findByEmail(input.email);
  if (account) return { userId: account.id, name: account.name || input.name || '', newRow: true, newAccount: false };
  if (!input.name) {
    throw new AppError('invalid', 'A colleague without an account needs a name.', {
      errors: [{ path: 'name', message: 'is required for someone without an account' }],
    });
  }
  const { id } = await deps.idp.createUser({ id: deps.newId('usr'), email: input.email, name: input.name, enabled: true });
  return { userId: id, name: input.name, newRow: true, newAccount: true };
}
