import { UserAccessChanged, type identityApi } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import { assertAcceptable } from '../domain/privacy-statement';
import { User } from '../domain/user';
import { isUniqueViolation } from '../infrastructure/db-errors';
import { StatementRepository } from '../infrastructure/statement-repository';
import { UserRepository } from '../infrastructure/user-repository';
import { joinTenant } from './accept-invitation';
import type { Deps } from './deps';
import { usableInvitation } from './invitation-by-token';
import { emailTaken } from './ports';

/**
 * Someone without an account accepts by creating one: the account gets the invitation's address,
 * marked verified (the token came through that mailbox), and the membership in one transaction. If
 * that transaction fails, the account made for it is deleted again.
 */
export async function signUpByInvitation(deps: Deps, input: identityApi.InvitationSignup): Promise<{ userId: string; tenantId: string }> {
  const now = deps.clock();
  const email = await deps.scopes.user(async (em) => {
    const invitation = await usableInvitation(em, input.token, now);
    const version = input.acceptedPrivacyStatementVersion;
    if (version) {
      const statements = new StatementRepository(em);
      assertAcceptable(version, (await statements.get(version)) !== null, await statements.current(), 'acceptedPrivacyStatementVersion');
    }
    // The holder of the code owns the mailbox: telling them the address has an account reveals nothing new.
    if (await new UserRepository(em).findByEmail(invitation.email)) throw emailTaken();
    return invitation.email;
  });
  const { id: userId } = await deps.idp.createUser({
    id: deps.newId('usr'), email, name: input.name, password: input.password, enabled: true, emailVerified: true,
  });
  let tenantId: string;
  try {
    tenantId = await deps.scopes.user(async (em) => {
      const invitation = await usableInvitation(em, input.token, now, true);
      new UserRepository(em).add(new User(userId, invitation.email, input.name, now));
      await em.flush();
      const joined = await joinTenant(em, invitation, userId, now);
      if (input.acceptedPrivacyStatementVersion) await new StatementRepository(em).accept(userId, input.acceptedPrivacyStatementVersion, now);
      enqueue(em, UserAccessChanged, { userId, occurredAt: now.toISOString() });
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
