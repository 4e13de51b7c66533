import { ClientDeleted } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import { notFound } from '@homi/service-kit';
import { ClientRepository } from '../infrastructure/client-repository';
import type { Deps } from './deps';

/** Removes a client together with their appointments and treatment notes. */
export async function deleteClient(deps: Deps, tenantId: string, clientId: string): Promise<void> {
  await deps.scope.run(tenantId, async (em) => {
    const repo = new ClientRepository(em);
    const client = await repo.get(tenantId, clientId);
    if (!client) throw notFound('Client');
    repo.remove(client);
    enqueue(em, ClientDeleted, { tenantId, clientId, occurredAt: deps.clock().toISOString() });
  });
}
