import { notFound } from '@homi/service-kit';
import type { User } from '../domain/user';
import type { Deps } from './deps';
import type { MembershipWithTenant, Repositories } from './ports';

export interface MeView {
  user: User;
  memberships: MembershipWithTenant[];
  acceptedVersion: string | null;
  currentVersion: string | null;
  /** A changed address still waiting for its confirmation; null once confirmed, withdrawn or expired. */
  pendingEmail: { email: string; expiresAt: Date } | null;
}

/** The caller's own profile, every tenant they belong to, and where they stand with the privacy statement. */
export function getMe(deps: Pick<Deps, 'uow' | 'clock'>, userId: string): Promise<MeView> {
  return deps.uow.asUser(userId, (repositories) => readMe(repositories, userId, deps.clock()));
}

export async function readMe(
  { users, memberships, statements }: Pick<Repositories, 'users' | 'memberships' | 'statements'>, userId: string, now: Date,
): Promise<MeView> {
  const user = await users.get(userId);
  if (!user) throw notFound('User');
  return {
    user,
    memberships: await memberships.ofUserAcrossTenants(userId),
    acceptedVersion: await statements.acceptedVersion(userId),
    currentVersion: (await statements.current())?.version ?? null,
    pendingEmail:
      user.pendingEmail && user.pendingEmailExpiresAt && user.pendingEmailExpiresAt.getTime() > now.getTime()
        ? { email: user.pendingEmail, expiresAt: user.pendingEmailExpiresAt }
        : null,
  };
}
