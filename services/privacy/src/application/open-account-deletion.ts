import type { AccountDeletionRequested } from '@homi/contracts';
import type { Deps } from './deps';
import { openRequest } from './open-request';
import type { Repositories } from './ports';

/**
 * A deleted account becomes erasure request `requestId` for the user, plus one erasure request
 * per institute the user was the only owner of, linked to it. Announced twice, it opens nothing more.
 */
export async function openAccountDeletion(repositories: Repositories, deps: Pick<Deps, 'clock' | 'settings' | 'newId'>, event: AccountDeletionRequested): Promise<boolean> {
  if (await repositories.requests.get(event.requestId)) return false;
  const requester = { userId: event.userId };
  await openRequest(repositories, deps, { id: event.requestId, type: 'erasure', subject: { kind: 'user', userId: event.userId }, requester, source: 'account-deletion' });
  for (const tenantId of new Set(event.soleOwnerTenantIds)) {
    await openRequest(repositories, deps, {
      id: deps.newId('dsr'),
      type: 'erasure',
      subject: { kind: 'tenant', tenantId },
      requester: { userId: event.userId, tenantId },
      parentId: event.requestId,
      source: 'account-deletion',
    });
  }
  return true;
}
