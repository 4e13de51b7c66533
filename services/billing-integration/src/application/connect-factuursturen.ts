import { billingApi, InvoicingConnected } from '@homi/contracts';
import { Connection, ConsentRecord } from '../domain/connection';
import type { Deps } from './deps';
import { presentableConnection, type ConnectionView } from './get-connection';

/**
 * Connects (or re-connects) the tenant's FactuurSturen account: nothing is stored unless the
 * provider accepted the credentials; the key is kept only sealed; switching client-data sharing
 * on or off appends a consent record naming who did it, when, and which fields it covers.
 */
export async function connectFactuurSturen(deps: Deps, tenantId: string, userId: string, input: billingApi.ConnectFactuurSturen): Promise<ConnectionView> {
  // Outside the transaction: one provider call, which throws (and so stores nothing) on a wrong key or an outage.
  await deps.provider.verifyCredentials({ username: input.username, apiKey: input.apiKey });
  const sealed = deps.cipher.seal(input.apiKey, tenantId);
  const view = await deps.uow.forTenant(tenantId, async (repos) => {
    const { connections, consents, invoices, events } = repos;
    const now = deps.clock();
    let connection = await connections.get(tenantId);
    const wasSharing = connection?.shareClientData ?? false;
    if (connection) {
      Object.assign(connection, { username: input.username, apiKeySealed: sealed.value, keyId: sealed.keyId, shareClientData: input.shareClientData, status: 'connected', updatedAt: now });
    } else {
      connection = new Connection(tenantId, input.username, sealed.value, sealed.keyId, input.shareClientData, now);
      connections.add(connection);
    }
    if (input.shareClientData !== wasSharing) {
      const action = input.shareClientData ? 'given' : 'withdrawn';
      consents.add(new ConsentRecord(deps.newId('cns'), tenantId, action, userId, now, [...billingApi.SHARED_CLIENT_FIELDS]));
    }
    // Invoices waiting for working credentials are tried again now.
    await invoices.retryPendingNow(tenantId, now);
    events.publish(InvoicingConnected, { tenantId, provider: 'factuursturen', occurredAt: now.toISOString() });
    return presentableConnection(repos, connection);
  });
  deps.kickIssuer();
  return view;
}
