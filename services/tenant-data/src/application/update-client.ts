import { ClientUpdated, type tenantDataApi } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import { notFound } from '@homi/service-kit';
import { applyClientChanges, type Client } from '../domain/client';
import { ClientRepository } from '../infrastructure/client-repository';
import type { Deps } from './deps';

/** Rectifies a client's data; an event is published only when something changed. */
export async function updateClient(
  deps: Deps,
  tenantId: string,
  clientId: string,
  changes: tenantDataApi.UpdateClient,
): Promise<Client> {
  return deps.scope.run(tenantId, async (em) => {
    const client = await new ClientRepository(em).get(tenantId, clientId);
    if (!client) throw notFound('Client');
    const now = deps.clock();
    if (applyClientChanges(client, changes, now)) {
      enqueue(em, ClientUpdated, { tenantId, clientId, occurredAt: now.toISOString() });
    }
    return client;
  });
}
