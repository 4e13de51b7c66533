import { notFound } from '@homi/service-kit';
import type { Client } from '../domain/client';
import type { Deps } from './deps';

/** One client of the tenant, or not_found — also for another tenant's client id. */
export async function getClient(deps: Deps, tenantId: string, clientId: string): Promise<Client> {
  const client = await deps.uow.forTenant(tenantId, ({ clients }) => clients.get(tenantId, clientId));
  if (!client) throw notFound('Client');
  return client;
}

/** A client with what the client card shows: completed visits and no-shows. */
export async function getClientCard(deps: Deps, tenantId: string, clientId: string): Promise<{ client: Client; visitCount: number; noShowCount: number }> {
  return deps.uow.forTenant(tenantId, async ({ clients, appointments }) => {
    const client = await clients.get(tenantId, clientId);
    if (!client) throw notFound('Client');
    const counts = await appointments.countByStatus(tenantId, clientId);
    return { client, visitCount: counts.completed ?? 0, noShowCount: counts['no-show'] ?? 0 };
  });
}
