import { accountOf, providerDetails } from './account';
import type { Deps } from './deps';
import type { Repositories } from './ports';
import { eraseProviderClient } from './provider-client';

/**
 * Carries a change of a client in tenant-data to the provider (GDPR art. 19), for tenants that
 * share client data and only for a client the provider already has. Runs in the consumer's
 * transaction (its repositories); a provider failure throws, and the message is redelivered later.
 */
export async function syncClientUpdate(repos: Repositories, deps: Deps, tenantId: string, clientId: string): Promise<'updated' | 'skipped'> {
  await repos.tenancy.enter(tenantId);
  const connection = await repos.connections.get(tenantId);
  if (!connection?.shareClientData || connection.status !== 'connected') return 'skipped';
  const mapping = await repos.mappings.get(tenantId, clientId);
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
export async function syncClientDeletion(repos: Repositories, deps: Deps, tenantId: string, clientId: string): Promise<'deleted' | 'blanked' | 'none' | 'skipped'> {
  await repos.tenancy.enter(tenantId);
  const connection = await repos.connections.get(tenantId);
  if (!connection || connection.status !== 'connected') return 'skipped';
  return eraseProviderClient(repos, deps, accountOf(deps, connection), tenantId, clientId);
}
