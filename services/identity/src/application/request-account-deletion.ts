import { AccountDeletionRequested, UserAccessChanged } from '@homi/contracts';
import { notFound } from '@homi/service-kit';
import type { Deps } from './deps';
import { disableAccount } from './reconcile';

/**
 * The right to be forgotten, started by the user: login is disabled at once (the gateway within a
 * second, the identity provider right after), and an erasure request is announced for the user and
 * every tenant they are the only owner of. Asking again answers with the same request.
 */
export async function requestAccountDeletion(deps: Pick<Deps, 'uow' | 'clock' | 'newId' | 'idp' | 'logger'>, userId: string): Promise<{ erasureRequestId: string }> {
  const { requestId, idpOwed } = await deps.uow.asUser(userId, async ({ users, memberships, events }) => {
    const user = await users.lock(userId);
    if (!user) throw notFound('User');
    if (user.deletionRequestId) return { requestId: user.deletionRequestId, idpOwed: user.idpDisabledAt === null };
    const now = deps.clock();
    const occurredAt = now.toISOString();
    const soleOwnerTenantIds = await memberships.soleOwnerTenantsAcrossTenants(userId);
    Object.assign(user, { status: 'disabled', deletionRequestId: deps.newId('dsr'), deletionRequestedAt: now, updatedAt: now });
    events.publish(AccountDeletionRequested, { requestId: user.deletionRequestId as string, userId, soleOwnerTenantIds, occurredAt });
    events.publish(UserAccessChanged, { userId, occurredAt });
    return { requestId: user.deletionRequestId as string, idpOwed: true };
  });
  // Outside the transaction: if the provider does not answer, the request stands and the reconciler retries.
  if (idpOwed) await disableAccount(deps, userId);
  return { erasureRequestId: requestId };
}
