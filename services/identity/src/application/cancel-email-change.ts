import { notFound } from '@homi/service-kit';
import type { Deps } from './deps';

/** Withdraws a pending change; the link mailed for it then names nothing. */
export async function cancelEmailChange(deps: Pick<Deps, 'uow'>, userId: string): Promise<void> {
  await deps.uow.asUser(userId, async ({ users }) => {
    const user = await users.get(userId);
    if (!user) throw notFound('User');
    Object.assign(user, { pendingEmail: null, pendingEmailTokenHash: null, pendingEmailExpiresAt: null });
  });
}
