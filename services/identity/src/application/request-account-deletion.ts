import { AccountDeletionRequested, UserAccessChanged } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import { notFound } from '@homi/service-kit';
import { MembershipRepository } from '../infrastructure/membership-repository';
import { UserRepository } from '../infrastructure/user-repository';
import type { Deps } from './deps';
import { disableAccount } from './reconcile';

/**
 * The right to be forgotten, started by the user: login is disabled at once (the gateway within a
 * second, the identity provider right after), and an erasure request is announced for the user and
 * every tenant they are the only owner of. Asking again answers with the same request.
 */
export async function requestAccountDeletion(deps: Deps, userId: string): Promise<{ erasureRequestId: string }> {
  const { requestId, idpOwed } = await deps.scopes.user(async (em) => {
    const user = await new UserRepository(em).lock(userId);
    if (!user) throw notFound('User');
    if (user.deletionRequestId) return { requestId: user.deletionRequestId, idpOwed: user.idpDisabledAt === null };
    const now = deps.clock();
    const occurredAt = now.toISOString();
    const soleOwnerTenantIds = await new MembershipRepository(em).soleOwnerTenantsAcrossTenants(userId);
    Object.assign(user, { status: 'disabled', deletionRequestId: deps.newId('dsr'), deletionRequestedAt: now, updatedAt: now });
    enqueue(em, AccountDeletionRequested, { requestId: user.deletionRequestId as string, userId, soleOwnerTenantIds, occurredAt });
    enqueue(em, UserAccessChanged, { userId, occurredAt });
    return { requestId: user.deletionRequestId as string, idpOwed: true };
  });
  // Outside the transaction: if the provider does not answer, the request stands and the reconciler retries.
  if (idpOwed) await disableAccount(deps, userId);
  return { erasureRequestId: requestId };
}
