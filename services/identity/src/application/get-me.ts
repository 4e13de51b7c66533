import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@homi/service-kit';
import type { User } from '../domain/user';
import { MembershipRepository } from '../infrastructure/membership-repository';
import { StatementRepository } from '../infrastructure/statement-repository';
import { UserRepository } from '../infrastructure/user-repository';
import type { Deps } from './deps';
import type { MembershipWithTenant } from './ports';

export interface MeView {
  user: User;
  memberships: MembershipWithTenant[];
  acceptedVersion: string | null;
  currentVersion: string | null;
  /** A changed address still waiting for its confirmation; null once confirmed, withdrawn or expired. */
  pendingEmail: { email: string; expiresAt: Date } | null;
}

/** The caller's own profile, every tenant they belong to, and where they stand with the privacy statement. */
export function getMe(deps: Deps, userId: string): Promise<MeView> {
  return deps.scopes.user((em) => readMe(em, userId, deps.clock()));
}

export async function readMe(em: EntityManager, userId: string, now: Date): Promise<MeView> {
  const user = await new UserRepository(em).get(userId);
  if (!user) throw notFound('User');
  const statements = new StatementRepository(em);
  return {
    user,
    memberships: await new MembershipRepository(em).ofUserAcrossTenants(userId),
    acceptedVersion: await statements.acceptedVersion(userId),
    currentVersion: (await statements.current())?.version ?? null,
    pendingEmail:
      user.pendingEmail && user.pendingEmailExpiresAt && user.pendingEmailExpiresAt.getTime() > now.getTime()
        ? { email: user.pendingEmail, expiresAt: user.pendingEmailExpiresAt }
        : null,
  };
}
