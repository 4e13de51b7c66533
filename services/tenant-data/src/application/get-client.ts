import { notFound } from '@homi/service-kit';
import type { Client } from '../domain/client';
import type { Deps } from './deps';

/** One client of the tenant, or not_found — also for another tenant's client id. */
export async function getClient(deps: Deps, tenantId: string, clientId: string): Promise<Client> {
  const client = await deps.uow.forTenant(tenantId, ({ clients }) => clients.get(tenantId, clientId));
  if (!client) throw notFound('Client');
  return client;
}
