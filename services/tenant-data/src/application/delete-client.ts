import { ClientDeleted } from '@homi/contracts';
import { notFound } from '@homi/service-kit';
import type { Deps } from './deps';

/** Removes a client together with their appointments and treatment notes. */
export async function deleteClient(deps: Deps, tenantId: string, clientId: string): Promise<void> {
  await deps.uow.forTenant(tenantId, async ({ clients, events }) => {
    const client = await clients.get(tenantId, clientId);
    if (!client) throw notFound('Client');
    clients.remove(client);
    events.publish(ClientDeleted, { tenantId, clientId, occurredAt: deps.clock().toISOString() });
  });
}
