import type { identityApi } from '@homi/contracts';
import type { MailLocale } from '@homi/mail';
import { AppError, notFound } from '@homi/service-kit';
import type { Deps } from './deps';
import { readMe, type MeView } from './get-me';
import { requestEmailChange, type PendingEmailChange } from './request-email-change';

/**
 * Rectifies the caller's own data. Name and phone change at once (the name in the identity provider
 * too, changed back if our own database then refuses). A new e-mail address only becomes pending:
 * it is used once its mailbox confirms it (confirm-email-change.ts); asking for the current address
 * again withdraws a pending change.
 */
export async function updateMe(
  deps: Pick<Deps, 'uow' | 'clock' | 'idp' | 'logger' | 'emailChangeTtlMs' | 'newToken' | 'mail' | 'links'>,
  userId: string, changes: identityApi.UpdateMe, locale: MailLocale): Promise<MeView> {
  const before = await deps.uow.asUser(userId, async ({ users }) => {
    const user = await users.get(userId);
    if (!user) throw notFound('User');
    if (user.status === 'disabled') throw new AppError('conflict', 'This account is being deleted.', { type: 'account-disabled' });
    return { email: user.email, name: user.name };
  });
  const sameAddress = changes.email !== undefined && changes.email.toLowerCase() === before.email.toLowerCase();
  let pending: PendingEmailChange | undefined;
  if (changes.email !== undefined && !sameAddress) pending = await requestEmailChange(deps, userId, changes.email, locale);
  const renamed = changes.name !== undefined && changes.name !== before.name;
  if (renamed) await deps.idp.updateUser(userId, { name: changes.name });
  try {
    return await deps.uow.asUser(userId, async (repositories) => {
      const user = await repositories.users.get(userId);
      if (!user) throw notFound('User');
      if (changes.name !== undefined) user.name = changes.name;
      if (changes.phone !== undefined) user.phone = changes.phone;
      if (pending || sameAddress) {
        user.pendingEmail = pending?.email ?? null;
        user.pendingEmailTokenHash = pending?.tokenHash ?? null;
        user.pendingEmailExpiresAt = pending?.expiresAt ?? null;
      }
      user.updatedAt = deps.clock();
      return readMe(repositories, userId, deps.clock());
    });
  } catch (err) {
    if (renamed) {
      await deps.idp.updateUser(userId, { name: before.name }).catch((e: unknown) => deps.logger.error({ err: e, userId }, 'could not undo an account change'));
    }
    throw err;
  }
}
