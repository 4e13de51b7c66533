import { billingApi, InvoicingDisconnected } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import { ConsentRecord } from '../domain/connection';
import { findConnection } from './account';
import type { Deps } from './deps';

/**
 * Disconnects the tenant's account: the sealed key is destroyed with the connection row, and a
 * consent in force is recorded as withdrawn. Client mappings and invoice copies stay: invoices
 * need them. Disconnecting twice is the same as once.
 */
export async function disconnectFactuurSturen(deps: Deps, tenantId: string, userId: string): Promise<void> {
  await deps.scope.run(tenantId, async (em) => {
    const connection = await findConnection(em, tenantId);
    if (!connection) return;
    const now = deps.clock();
    if (connection.shareClientData) {
      em.persist(new ConsentRecord(deps.newId('cns'), tenantId, 'withdrawn', userId, now, [...billingApi.SHARED_CLIENT_FIELDS]));
    }
    em.remove(connection);
    enqueue(em, InvoicingDisconnected, { tenantId, provider: 'factuursturen', occurredAt: now.toISOString() });
  });
}
