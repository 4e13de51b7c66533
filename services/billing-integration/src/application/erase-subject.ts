import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { CategoryResult } from '@homi/contracts';
import { ClientMapping, Connection, ConsentRecord } from '../domain/connection';
import { FISCAL_RETENTION_REASON, Invoice, retainedUntil } from '../domain/invoice';
import { accountOf } from './account';
import type { Deps } from './deps';
import type { InvoicingCredentials } from './ports';
import { eraseProviderClient } from './provider-client';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Invoice copies of a client (or of the whole tenant) under erasure. Those the provider made are
 * fiscal records: kept, restricted, until invoice date + 7 years. Those it never made are deleted,
 * after a look by reference at the provider when an attempt may have reached it (ADR 13).
 */
export async function restrictInvoices(em: EntityManager, deps: Deps, account: InvoicingCredentials | undefined, where: { tenantId: string; clientId?: string }, now: Date): Promise<CategoryResult[]> {
  const invoices = await em.find(Invoice, where, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
  let erased = 0;
  for (const invoice of invoices) {
    if (!invoice.providerInvoiceNumber && account && invoice.attempts > 0) {
      const found = await deps.provider.findInvoiceByReference(account, invoice.id);
      if (found) Object.assign(invoice, { status: 'created', providerInvoiceNumber: found.invoiceNumber, invoiceDate: found.sentDate ?? isoDay(now), lastError: null });
    }
    if (!invoice.providerInvoiceNumber) {
      em.remove(invoice);
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

/** A client's erasure: the provider-side client deleted or blanked first, then the invoice copies. */
export async function eraseClient(em: EntityManager, deps: Deps, tenantId: string, clientId: string, now: Date): Promise<CategoryResult[]> {
  const connection = await em.findOne(Connection, { tenantId });
  const account = connection ? accountOf(deps, connection) : undefined;
  let provider: CategoryResult;
  if (account) {
    const outcome = await eraseProviderClient(em, deps, account, tenantId, clientId);
    provider = outcome === 'none' ? { category: 'provider-client', records: 0, action: 'none' }
      : { category: 'provider-client', records: 1, action: outcome === 'deleted' ? 'erased' : 'anonymised' };
  } else {
    const mapped = await em.count(ClientMapping, { tenantId, clientId, status: 'created' });
    provider = mapped === 0 ? { category: 'provider-client', records: 0, action: 'none' }
      : { category: 'provider-client', records: mapped, action: 'retained', reason: 'no FactuurSturen account connected: the institute erases the client in its own account' };
  }
  return [provider, ...(await restrictInvoices(em, deps, account, { tenantId, clientId }, now))];
}

/** A whole tenant's erasure: connection and key, consent records and mappings go; invoices as for a client. */
export async function eraseTenant(em: EntityManager, deps: Deps, tenantId: string, now: Date): Promise<CategoryResult[]> {
  const connection = await em.findOne(Connection, { tenantId });
  const invoices = await restrictInvoices(em, deps, connection ? accountOf(deps, connection) : undefined, { tenantId }, now);
  const connections = await em.nativeDelete(Connection, { tenantId });
  const consents = await em.nativeDelete(ConsentRecord, { tenantId });
  const mappings = await em.nativeDelete(ClientMapping, { tenantId });
  return [
    { category: 'invoicing-connection', records: connections, action: 'erased' },
    { category: 'sharing-consent', records: consents, action: 'erased' },
    { category: 'client-mapping', records: mappings, action: 'erased' },
    ...invoices,
  ];
}
