import { AppError, isAppError } from '@homi/service-kit';
import type { ClientMapping } from '../domain/connection';
import { providerDetails } from './account';
import type { Deps } from './deps';
import type { InvoicingCredentials, ProviderRecord, Repositories } from './ports';

/** A failure no retry can mend: the invoice is marked failed with this problem type. */
export class PermanentFailure extends Error {
  constructor(readonly type: string, message: string) {
    super(message);
    this.name = 'PermanentFailure';
  }
}

/**
 * Before a creation is sent to the provider: its mark, committed in a transaction of its own so the
 * attempt's rollback or crash cannot take it back (ADR 67). True when an earlier attempt's mark is
 * still there: that attempt may have made the record, so it is looked up by reference first (ADR 13).
 * On the usual path nothing was sent before and no lookup (a list of the account's records) is made.
 */
export function mayHaveBeenMade(deps: Pick<Deps, 'uow' | 'clock'>, record: ProviderRecord): Promise<boolean> {
  return deps.uow.forTenant(record.tenantId, ({ providerCalls }) => providerCalls.begin(record, deps.clock()));
}

/**
 * The provider's number for one of the tenant's clients. Created there on first use with our
 * client id as reference; looked for by that reference first when an earlier attempt may have sent
 * it (ADR 13, 67), so a creation whose answer was lost, or whose commit here failed, is found instead
 * of made twice.
 */
export async function ensureProviderClient({ mappings, providerCalls }: Pick<Repositories, 'mappings' | 'providerCalls'>, deps: Deps, account: InvoicingCredentials, tenantId: string, clientId: string): Promise<number> {
  const now = deps.clock();
  // Made when missing and locked, so two workers invoicing one new client cannot both create it at the provider (the second waits).
  const mapping = await mappings.lock(tenantId, clientId, now);
  if (mapping.clientNumber !== null && mapping.status === 'created') return mapping.clientNumber;
  if (mapping.status === 'deleted' || mapping.status === 'blanked') throw new PermanentFailure('client-erased', 'The client was removed from the invoicing provider');
  const client = await deps.clients.get(tenantId, clientId);
  if (!client) throw new PermanentFailure('client-not-found', 'The client no longer exists');
  const record: ProviderRecord = { tenantId, kind: 'client', reference: clientId, clientId };
  const found = (await mayHaveBeenMade(deps, record)) ? await deps.provider.findClientByReference(account, clientId) : undefined;
  const clientNumber = found ? found.clientNumber : await deps.provider.createClient(account, clientId, providerDetails(client));
  Object.assign(mapping, { clientNumber, status: 'created', updatedAt: now });
  await providerCalls.end(record);
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

/** What an erasure saw of a client's mapping before calling the provider: it records only if the row is still so. */
export type MappingSeen = Pick<ClientMapping, 'status' | 'clientNumber'> | null;

export const mappingSeen = (mapping: ClientMapping | null): MappingSeen => (mapping ? { status: mapping.status, clientNumber: mapping.clientNumber } : null);

export interface ProviderRemoval {
  outcome: 'deleted' | 'blanked' | 'none';
  clientNumber: number | null;
}

/** Another transaction (an invoice worker) changed what the provider call was based on: the whole step is tried again. */
export const erasureRaced = () =>
  new AppError('unavailable', 'The data changed while the invoicing provider was called; the erasure is tried again', { type: 'erasure-raced' });

/**
 * The provider's part of taking a client off it (delete, else blank), including one whose creation
 * is unconfirmed (its mark is there, ADR 67: found by reference), from the mapping as read without a
 * lock: no row of ours is locked while the provider is called. A mark without a mapping is a creation
 * whose attempt rolled back after the call. Safe to repeat.
 */
export async function removeClientAtProvider({ providerCalls }: Pick<Repositories, 'providerCalls'>, deps: Deps, account: InvoicingCredentials, tenantId: string, clientId: string, seen: MappingSeen): Promise<ProviderRemoval> {
  if (seen?.status === 'deleted' || seen?.status === 'blanked') return { outcome: 'none', clientNumber: seen.clientNumber };
  const marked = () => providerCalls.has({ tenantId, kind: 'client', reference: clientId, clientId });
  const clientNumber = seen?.clientNumber ?? ((await marked()) ? (await deps.provider.findClientByReference(account, clientId))?.clientNumber : undefined);
  const outcome = clientNumber === undefined ? 'none' : await removeProviderClient(deps, account, clientNumber);
  return { outcome, clientNumber: clientNumber ?? null };
}

/**
 * Records a provider removal on the mapping, now locked (made for a client removed without one), so
 * no worker creates the client at the provider again. When the mapping is no longer what the
 * provider call was based on (a worker made the client meanwhile), nothing is recorded and
 * erasureRaced() is thrown: the caller's transaction rolls back and the message is redelivered, to look again.
 */
export async function recordProviderRemoval({ mappings }: Pick<Repositories, 'mappings'>, deps: Pick<Deps, 'clock'>, tenantId: string, clientId: string, seen: MappingSeen, removal: ProviderRemoval): Promise<'deleted' | 'blanked' | 'none'> {
  const found = await mappings.get(tenantId, clientId, { lock: true });
  const now = mappingSeen(found);
  if (now?.status !== seen?.status || now?.clientNumber !== seen?.clientNumber) throw erasureRaced();
  if (found?.status === 'deleted' || found?.status === 'blanked' || (!found && removal.outcome === 'none')) return 'none';
  const mapping = found ?? (await mappings.lock(tenantId, clientId, deps.clock()));
  Object.assign(mapping, { status: removal.outcome === 'none' ? 'deleted' : removal.outcome, clientNumber: removal.clientNumber, updatedAt: deps.clock() });
  return removal.outcome;
}

/**
 * Takes one of the tenant's clients off the provider (delete, else blank): the mapping is read
 * without a lock, the provider called, and the outcome recorded under the mapping's lock (no
 * outbound call while holding it). Returns what happened at the provider; a second run finds nothing to do.
 */
export async function eraseProviderClient(repos: Pick<Repositories, 'mappings' | 'providerCalls'>, deps: Deps, account: InvoicingCredentials, tenantId: string, clientId: string): Promise<'deleted' | 'blanked' | 'none'> {
  const seen = mappingSeen(await repos.mappings.get(tenantId, clientId));
  const removal = await removeClientAtProvider(repos, deps, account, tenantId, clientId, seen);
  const outcome = await recordProviderRemoval(repos, deps, tenantId, clientId, seen, removal);
  // Under the mapping's lock, which every creation of this client at the provider holds from its mark to its outcome.
  await repos.providerCalls.end({ tenantId, kind: 'client', reference: clientId, clientId });
  return outcome;
}
