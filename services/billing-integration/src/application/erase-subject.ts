import type { CategoryResult } from '@homi/contracts';
import { FISCAL_RETENTION_REASON, retainedUntil } from '../domain/invoice';
import { accountOf } from './account';
import type { Deps } from './deps';
import type { InvoicingCredentials, InvoicingInvoice, Repositories } from './ports';
import { erasureRaced, mappingSeen, recordProviderRemoval, removeClientAtProvider } from './provider-client';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** What a look by reference at the provider found for an invoice never confirmed, and after how many attempts. */
export interface InvoiceLookup {
  attempts: number;
  found: InvoicingInvoice | undefined;
}

/**
 * The provider's part of an erasure of invoice copies, before any lock: each copy never confirmed
 * whose attempt may have reached the provider is looked up by reference (ADR 13).
 */
export async function lookUpUnconfirmed({ invoices }: Pick<Repositories, 'invoices'>, deps: Deps, account: InvoicingCredentials | undefined, where: { tenantId: string; clientId?: string }): Promise<Map<string, InvoiceLookup>> {
  const looked = new Map<string, InvoiceLookup>();
  if (!account) return looked;
  for (const invoice of await invoices.ofSubject(where)) {
    if (invoice.providerInvoiceNumber || invoice.attempts === 0) continue;
    looked.set(invoice.id, { attempts: invoice.attempts, found: await deps.provider.findInvoiceByReference(account, invoice.id) });
  }
  return looked;
}

/**
 * Invoice copies of a client (or of the whole tenant) under erasure, now locked. Those the provider
 * made are fiscal records: kept, restricted, until invoice date + 7 years. Those it never made are
 * deleted, by what the look by reference found; a copy attempted again since then makes the
 * erasure look again (erasureRaced), as no provider call is made here, under the locks.
 */
export async function restrictInvoices(repos: Pick<Repositories, 'invoices'>, account: InvoicingCredentials | undefined, where: { tenantId: string; clientId?: string }, now: Date, looked: ReadonlyMap<string, InvoiceLookup>): Promise<CategoryResult[]> {
  const invoices = await repos.invoices.ofSubject(where, { lock: true });
  let erased = 0;
  for (const invoice of invoices) {
    if (!invoice.providerInvoiceNumber && account && invoice.attempts > 0) {
      const lookup = looked.get(invoice.id);
      if (lookup?.attempts !== invoice.attempts) throw erasureRaced();
      const found = lookup.found;
      if (found) Object.assign(invoice, { status: 'created', providerInvoiceNumber: found.invoiceNumber, invoiceDate: found.sentDate ?? isoDay(now), lastError: null });
    }
    if (!invoice.providerInvoiceNumber) {
      repos.invoices.remove(invoice);
      erased += 1;
    } else if (!invoice.restrictedAt) {
      Object.assign(invoice, { restrictedAt: now, retainUntil: retainedUntil(invoice.invoiceDate ?? isoDay(invoice.createdAt)), updatedAt: now });
    }
  }
  const kept = invoices.filter((i) => i.restrictedAt);
  const results: CategoryResult[] = [{ category: 'invoices', records: erased, action: 'erased' }];
  if (kept.length > 0) {
    const latest = kept.map((i) => i.retainUntil ?? '').sort().at(-1);
    results.push({ category: 'invoices', records: kept.length, action: 'retained', reason: FISCAL_RETENTION_REASON, retainedUntil: `${latest}T00:00:00.000Z` });
  }
  return results;
}

/**
 * A client's erasure. First the provider's part, with no row of ours locked: the provider-side
 * client deleted or blanked (also one whose creation is only marked, ADR 67), unconfirmed invoices
 * looked up. Then the outcome is recorded under the locks, invoices first and the mapping second
 * (the order an invoice worker takes them in), and the client's marks go.
 */
export async function eraseClient(repos: Repositories, deps: Deps, tenantId: string, clientId: string, now: Date): Promise<CategoryResult[]> {
  // Nothing of the client here: no mapping, no invoice copy, no mark of a call to the provider. A
  // creation in flight commits its mark (or its invoice) before anything is sent (ADR 67), so the
  // provider holds nothing of the client either: the answer the whole path below would give, in one read.
  if (!(await repos.holdings.any(tenantId, clientId))) return [{ category: 'provider-client', records: 0, action: 'none' }, { category: 'invoices', records: 0, action: 'erased' }];
  const connection = await repos.connections.get(tenantId);
  const account = connection ? accountOf(deps, connection) : undefined;
  const where = { tenantId, clientId };
  const seen = mappingSeen(await repos.mappings.get(tenantId, clientId));
  const removal = account ? await removeClientAtProvider(repos, deps, account, tenantId, clientId, seen) : undefined;
  const looked = await lookUpUnconfirmed(repos, deps, account, where);

  const invoices = await restrictInvoices(repos, account, where, now, looked);
  let provider: CategoryResult;
  if (removal) {
    const outcome = await recordProviderRemoval(repos, deps, tenantId, clientId, seen, removal);
    provider = outcome === 'none' ? { category: 'provider-client', records: 0, action: 'none' }
      : { category: 'provider-client', records: 1, action: outcome === 'deleted' ? 'erased' : 'anonymised' };
  } else {
    const mapped = await repos.mappings.countCreated(tenantId, clientId);
    provider = mapped === 0 ? { category: 'provider-client', records: 0, action: 'none' }
      : { category: 'provider-client', records: mapped, action: 'retained', reason: 'no FactuurSturen account connected: the institute erases the client in its own account' };
  }
  // Under the locks of the client's invoices and mapping, which every creation for this client holds from its mark to its outcome (ADR 67).
  await repos.providerCalls.forget(where);
  return [provider, ...invoices];
}

/** A whole tenant's erasure: connection and key, consent records and mappings go; invoices as for a client (looked up before any lock). */
export async function eraseTenant(repos: Repositories, deps: Deps, tenantId: string, now: Date): Promise<CategoryResult[]> {
  const connection = await repos.connections.get(tenantId);
  const account = connection ? accountOf(deps, connection) : undefined;
  const looked = await lookUpUnconfirmed(repos, deps, account, { tenantId });
  const invoices = await restrictInvoices(repos, account, { tenantId }, now, looked);
  const connections = await repos.connections.deleteAll(tenantId);
  const consents = await repos.consents.deleteAll(tenantId);
  const mappings = await repos.mappings.deleteAll(tenantId);
  await repos.providerCalls.forget({ tenantId });
  return [
    { category: 'invoicing-connection', records: connections, action: 'erased' },
    { category: 'sharing-consent', records: consents, action: 'erased' },
    { category: 'client-mapping', records: mappings, action: 'erased' },
    ...invoices,
  ];
}
