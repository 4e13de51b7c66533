import { UserAccessChanged, type identityApi } from '@homi/contracts';
import { User } from '../domain/user';
import { joinTenant } from './accept-invitation';
import type { Deps } from './deps';
import { usableInvitation } from './invitation-by-token';
import { emailTaken } from './ports';
import { INVITATION_BY_TOKEN } from './preview-invitation';
import { assertCurrentStatement } from './privacy-statements';
import { isUniqueViolation } from './unique-violation';

/**
 * Someone without an account accepts by creating one: the account gets the invitation's address,
 * marked verified (the token came through that mailbox), and the membership in one transaction. If
 * that transaction fails, the account made for it is deleted again.
 */
export async function signUpByInvitation(
  deps: Pick<Deps, 'uow' | 'clock' | 'idp' | 'newId' | 'logger' | 'projectNow'>,
  input: identityApi.InvitationSignup,
): Promise<{ userId: string; tenantId: string }> {
  const now = deps.clock();
  const email = await deps.uow.acrossTenants(INVITATION_BY_TOKEN, async ({ invitations, statements, users }) => {
    const invitation = await usableInvitation(invitations, input.token, now);
    const version = input.acceptedPrivacyStatementVersion;
    if (version) await assertCurrentStatement(statements, version, 'acceptedPrivacyStatementVersion');
    // The holder of the code owns the mailbox: telling them the address has an account reveals nothing new.
    if (await users.findByEmail(invitation.email)) throw emailTaken();
    return invitation.email;
  });
  const { id: userId } = await deps.idp.createUser({
    id: deps.newId('usr'), email, name: input.name, password: input.password, enabled: true, emailVerified: true,
  });
  let tenantId: string;
  try {
    tenantId = await deps.uow.asUser(userId, async (repositories) => {
      const invitation = await usableInvitation(repositories.invitations, input.token, now, true);
      await repositories.users.add(new User(userId, invitation.email, input.name, now));
      const joined = await joinTenant(repositories, invitation, userId, now);
      if (input.acceptedPrivacyStatementVersion) await repositories.statements.accept(userId, input.acceptedPrivacyStatementVersion, now);
      repositories.events.publish(UserAccessChanged, { userId, occurredAt: now.toISOString() });
      return joined.tenantId;
    });
  } catch (err) {
    await deps.idp.deleteUser(userId).catch((e: unknown) => deps.logger.error({ err: e, userId }, 'could not delete an account made for a failed invitation sign-up'));
    if (isUniqueViolation(err, 'users_email_key')) throw emailTaken();
    throw err;
  }
  await deps.projectNow?.({ userId, tenantId }).catch((err: unknown) => deps.logger.warn({ err, userId }, 'access not projected yet; the event will'));
  return { userId, tenantId };
}
