import { timingSafeEqual } from 'node:crypto';
import type { MailLocale } from '@homi/mail';
import { hintAddress } from '@homi/mail';
import { AppError, notFound } from '@homi/service-kit';
import { hashMailToken } from '../domain/mail-token';
import type { Deps } from './deps';
import { readMe, type MeView } from './get-me';
import { emailTaken } from './ports';
import { isUniqueViolation } from './unique-violation';

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const noSuchChange = () => new AppError('not_found', 'No pending e-mail change of this account has this code.', { type: 'email-change-not-found' });

/**
 * The signed-in account holder confirms a new address with the code mailed to it: both the account
 * and the mailbox are proven. The address changes here and in the identity provider (as verified),
 * and the old address is told. An address another account took meanwhile → 409 `email-taken`.
 */
export async function confirmEmailChange(
  deps: Pick<Deps, 'uow' | 'clock' | 'idp' | 'logger' | 'mail'>,
  userId: string, token: string, locale: MailLocale): Promise<MeView> {
  const now = deps.clock();
  const tokenHash = hashMailToken(token);
  const change = await deps.uow.asUser(userId, async ({ users }) => {
    const user = await users.get(userId);
    if (!user) throw notFound('User');
    if (!user.pendingEmail || !user.pendingEmailTokenHash || !sameHash(user.pendingEmailTokenHash, tokenHash)) throw noSuchChange();
    if ((user.pendingEmailExpiresAt?.getTime() ?? 0) <= now.getTime()) {
      throw new AppError('gone', 'This confirmation has expired; ask for the change again.', { type: 'email-change-expired' });
    }
    const other = await users.findByEmail(user.pendingEmail);
    if (other && other.id !== userId) throw emailTaken();
    return { old: user.email, next: user.pendingEmail };
  });
  await deps.idp.updateUser(userId, { email: change.next, emailVerified: true });
  let view: MeView;
  try {
    view = await deps.uow.asUser(userId, async (repositories) => {
      const user = await repositories.users.lock(userId);
      if (!user || user.pendingEmail !== change.next || !sameHash(user.pendingEmailTokenHash ?? '', tokenHash)) throw noSuchChange();
      Object.assign(user, { email: change.next, pendingEmail: null, pendingEmailTokenHash: null, pendingEmailExpiresAt: null, updatedAt: now });
      return readMe(repositories, userId, now);
    });
  } catch (err) {
    await deps.idp.updateUser(userId, { email: change.old }).catch((e: unknown) => deps.logger.error({ err: e, userId }, 'could not undo an address change'));
    if (isUniqueViolation(err, 'users_email_key')) throw emailTaken();
    throw err;
  }
  await deps.mail
    .send(change.old, 'email-changed', locale, { newAddressHint: hintAddress(change.next), changedAt: now })
    .catch((err: unknown) => deps.logger.warn({ err: { name: (err as Error).name }, userId }, 'the old address was not told of the change'));
  return view;
}
