import { notFound } from '@homi/service-kit';
import { UserRepository } from '../infrastructure/user-repository';
import type { Deps } from './deps';

/** Withdraws a pending change; the link mailed for it then names nothing. */
export async function cancelEmailChange(deps: Deps, userId: string): Promise<void> {
  await deps.scopes.user(async (em) => {
    const user = await new UserRepository(em).get(userId);
    if (!user) throw notFound('User');
    Object.assign(user, { pendingEmail: null, pendingEmailTokenHash: null, pendingEmailExpiresAt: null });
    await em.flush();
  });
}
