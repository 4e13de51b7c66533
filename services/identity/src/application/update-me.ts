import type { identityApi } from '@homi/contracts';
import { AppError, notFound } from '@homi/service-kit';
import { isUniqueViolation } from '../infrastructure/db-errors';
import { UserRepository } from '../infrastructure/user-repository';
import type { Deps } from './deps';
import { readMe, type MeView } from './get-me';
import { emailTaken, type AccountChanges } from './ports';

/**
 * Rectifies the caller's own data. Name and e-mail address live in the identity provider too:
 * it is changed first, and changed back if our own database then refuses.
 */
export async function updateMe(deps: Deps, userId: string, changes: identityApi.UpdateMe): Promise<MeView> {
  const before = await deps.scopes.user(async (em) => {
    const users = new UserRepository(em);
    const user = await users.get(userId);
    if (!user) throw notFound('User');
    if (user.status === 'disabled') throw new AppError('conflict', 'This account is being deleted.', { type: 'account-disabled' });
    const other = changes.email && changes.email !== user.email ? await users.findByEmail(changes.email) : null;
    if (other && other.id !== userId) throw emailTaken();
    return { email: user.email, name: user.name };
  });
  const forIdp: AccountChanges = {};
  if (changes.email !== undefined && changes.email !== before.email) forIdp.email = changes.email;
  if (changes.name !== undefined && changes.name !== before.name) forIdp.name = changes.name;
  if (Object.keys(forIdp).length > 0) await deps.idp.updateUser(userId, forIdp);
  try {
    return await deps.scopes.user(async (em) => {
      const user = await new UserRepository(em).get(userId);
      if (!user) throw notFound('User');
      if (changes.name !== undefined) user.name = changes.name;
      if (changes.email !== undefined) user.email = changes.email;
      if (changes.phone !== undefined) user.phone = changes.phone;
      user.updatedAt = deps.clock();
      await em.flush();
      return readMe(em, userId);
    });
  } catch (err) {
    if (Object.keys(forIdp).length > 0) {
      await deps.idp.updateUser(userId, before).catch((e: unknown) => deps.logger.error({ err: e, userId }, 'could not undo an account change'));
    }
    if (isUniqueViolation(err, 'users_email_key')) throw emailTaken();
    throw err;
  }
}
