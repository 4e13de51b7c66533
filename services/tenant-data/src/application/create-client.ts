import { ClientCreated, type tenantDataApi } from '@homi/contracts';
import { Client } from '../domain/client';
import type { Deps } from './deps';

/** Adds a client to the tenant and announces it; both or neither are committed. */
export async function createClient(deps: Deps, tenantId: string, input: tenantDataApi.CreateClient): Promise<Client> {
  return deps.uow.forTenant(tenantId, async ({ clients, events }) => {
    const now = deps.clock();
    const client = new Client(deps.newId('cli'), tenantId, input.name, now);
    client.email = input.email ?? null;
    client.phone = input.phone ?? null;
    client.dateOfBirth = input.dateOfBirth ?? null;
    client.address = input.address ?? null;
    client.notes = input.notes ?? null;
    clients.add(client);
    events.publish(ClientCreated, { tenantId, clientId: client.id, occurredAt: now.toISOString() });
    return client;
  });
}
