import type { EntityManager } from '@mikro-orm/postgresql';
import { ClientMapping } from '../domain/connection';
import { enterTenant } from '../infrastructure/tenant-scope';
import { accountOf, findConnection, providerDetails } from './account';
import type { Deps } from './deps';
import { eraseProviderClient } from './provider-client';

/**
 * Carries a change of a client in tenant-data to the provider (GDPR art. 19), for tenants that
 * share client data and only for a client the provider already has. Runs in the consumer's
 * transaction; a provider failure throws, and the message is redelivered later.
 */
export async function syncClientUpdate(em: EntityManager, deps: Deps, tenantId: string, clientId: string): Promise<'updated' | 'skipped'> {
  await enterTenant(em, tenantId);
  const connection = await findConnection(em, tenantId);
  if (!connection?.shareClientData || connection.status !== 'connected') return 'skipped';
  const mapping = await em.findOne(ClientMapping, { tenantId, clientId });
  if (!mapping || mapping.status !== 'created' || mapping.clientNumber === null) return 'skipped';
  // The details now, not as they were when the event was made: a late or repeated event sends the latest.
  const client = await deps.clients.get(tenantId, clientId);
  if (!client) return 'skipped';
  await deps.provider.updateClient(accountOf(deps, connection), mapping.clientNumber, providerDetails(client));
  return 'updated';
}

/**
 * Removes a client that tenant-data deleted from the provider too: deleted there when no invoice
 * refers to it, else blanked. Needs the connection (its credentials), whatever the sharing setting.
 */
export async function syncClientDeletion(em: EntityManager, deps: Deps, tenantId: string, clientId: string): Promise<'deleted' | 'blanked' | 'none' | 'skipped'> {
  await enterTenant(em, tenantId);
  const connection = await findConnection(em, tenantId);
  if (!connection || connection.status !== 'connected') return 'skipped';
  return eraseProviderClient(em, deps, accountOf(deps, connection), tenantId, clientId);
}
