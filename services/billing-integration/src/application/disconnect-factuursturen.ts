import { billingApi, InvoicingDisconnected } from '@homi/contracts';
import { ConsentRecord } from '../domain/connection';
import type { Deps } from './deps';

/**
 * Disconnects the tenant's account: the sealed key is destroyed with the connection row, and a
 * consent in force is recorded as withdrawn. Client mappings and invoice copies stay: invoices
 * need them. Disconnecting twice is the same as once.
 */
export async function disconnectFactuurSturen(deps: Deps, tenantId: string, userId: string): Promise<void> {
  await deps.uow.forTenant(tenantId, async ({ connections, consents, events }) => {
    const connection = await connections.get(tenantId);
    if (!connection) return;
    const now = deps.clock();
    if (connection.shareClientData) {
      consents.add(new ConsentRecord(deps.newId('cns'), tenantId, 'withdrawn', userId, now, [...billingApi.SHARED_CLIENT_FIELDS]));
    }
    connections.remove(connection);
    events.publish(InvoicingDisconnected, { tenantId, provider: 'factuursturen', occurredAt: now.toISOString() });
  });
}
