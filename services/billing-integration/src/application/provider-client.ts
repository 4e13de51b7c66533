import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { isAppError } from '@homi/service-kit';
import { ClientMapping } from '../domain/connection';
import { providerDetails } from './account';
import type { Deps } from './deps';
import type { InvoicingCredentials } from './ports';

/** A failure no retry can mend: the invoice is marked failed with this problem type. */
export class PermanentFailure extends Error {
  constructor(readonly type: string, message: string) {
    super(message);
    this.name = 'PermanentFailure';
  }
}

/**
 * The tenant's mapping row for a client, created when missing and locked for this transaction, so
 * two workers invoicing one new client cannot both create it at the provider (the second waits).
 */
export async function lockMapping(em: EntityManager, tenantId: string, clientId: string, now: Date): Promise<ClientMapping> {
  await em.execute(
    `insert into client_mappings (tenant_id, client_id, status, created_at, updated_at) values (?, ?, 'pending', ?, ?) on conflict do nothing`,
    [tenantId, clientId, now, now],
  );
  const mapping = await em.findOne(ClientMapping, { tenantId, clientId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!mapping) throw new Error('client mapping vanished inside its own transaction');
  return mapping;
}

/**
 * The provider's number for one of the tenant's clients. Created there on first use with our
 * client id as reference, after looking for it by that reference first (ADR 13), so a creation
 * whose answer was lost, or whose commit here failed, is found instead of made twice.
 */
export async function ensureProviderClient(em: EntityManager, deps: Deps, account: InvoicingCredentials, tenantId: string, clientId: string): Promise<number> {
  const now = deps.clock();
  const mapping = await lockMapping(em, tenantId, clientId, now);
  if (mapping.clientNumber !== null && mapping.status === 'created') return mapping.clientNumber;
  if (mapping.status === 'deleted' || mapping.status === 'blanked') throw new PermanentFailure('client-erased', 'The client was removed from the invoicing provider');
  const client = await deps.clients.get(tenantId, clientId);
  if (!client) throw new PermanentFailure('client-not-found', 'The client no longer exists');
  const found = await deps.provider.findClientByReference(account, clientId);
  const clientNumber = found ? found.clientNumber : await deps.provider.createClient(account, clientId, providerDetails(client));
  Object.assign(mapping, { clientNumber, status: 'created', updatedAt: now });
  return clientNumber;
}

/**
 * Removes a client at the provider as far as the law allows: deleted when no invoice refers to
 * it, else blanked (its personal fields overwritten; the invoices keep their addressee). Safe to
 * repeat: a client already gone counts as deleted, blanking twice changes nothing more.
 */
export async function removeProviderClient(deps: Deps, account: InvoicingCredentials, clientNumber: number): Promise<'deleted' | 'blanked'> {
  try {
    await deps.provider.deleteClient(account, clientNumber);
    return 'deleted';
  } catch (err) {
    if (!isAppError(err) || err.kind !== 'conflict') throw err;
    await deps.provider.blankClient(account, clientNumber);
    return 'blanked';
  }
}

/**
 * Takes one of the tenant's clients off the provider (delete, else blank), including one whose
 * creation is unconfirmed (found by reference). Locks the mapping, so it cannot race a worker
 * creating the client. Returns what happened at the provider; a second run finds nothing to do.
 */
export async function eraseProviderClient(em: EntityManager, deps: Deps, account: InvoicingCredentials, tenantId: string, clientId: string): Promise<'deleted' | 'blanked' | 'none'> {
  const mapping = await em.findOne(ClientMapping, { tenantId, clientId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!mapping || mapping.status === 'deleted' || mapping.status === 'blanked') return 'none';
  const clientNumber = mapping.clientNumber ?? (await deps.provider.findClientByReference(account, clientId))?.clientNumber;
  const outcome = clientNumber === undefined ? 'none' : await removeProviderClient(deps, account, clientNumber);
  Object.assign(mapping, { status: outcome === 'none' ? 'deleted' : outcome, clientNumber: clientNumber ?? null, updatedAt: deps.clock() });
  return outcome;
}
