import { AppError, notFound } from '@homi/service-kit';
import type { billingApi } from '@homi/contracts';
import type { Invoice } from '../domain/invoice';
import type { Deps } from './deps';

/** One invoice of the tenant, or not_found — also for another tenant's invoice id. */
export async function getInvoice(deps: Deps, tenantId: string, invoiceId: string): Promise<Invoice> {
  const invoice = await deps.uow.forTenant(tenantId, ({ invoices }) => invoices.get(tenantId, invoiceId));
  if (!invoice) throw notFound('Invoice');
  return invoice;
}

export interface InvoicePage {
  items: Invoice[];
  nextCursor: string | null;
}

// Ids are time-ordered in their own alphabet, not in the database's collation: pages follow created_at, then id.
const encodeCursor = (i: Invoice) => Buffer.from(JSON.stringify([i.createdAt.toISOString(), i.id]), 'utf8').toString('base64url');
function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at))) return { at: new Date(at), id };
  } catch {
    // fall through: not a cursor this service made
  }
  throw new AppError('invalid', 'The query is not valid.', { errors: [{ path: 'cursor', message: 'must be a cursor returned by a previous page' }] });
}

/** The tenant's invoices, newest first; restricted copies are listed (personal fields hidden by the presenter) unless a client is asked for. */
export async function listInvoices(deps: Deps, tenantId: string, query: billingApi.ListInvoicesQuery): Promise<InvoicePage> {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  return deps.uow.forTenant(tenantId, async ({ invoices }) => {
    const rows = await invoices.list(tenantId, { status: query.status, clientId: query.clientId, appointmentId: query.appointmentId, after, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    return { items, nextCursor: rows.length > query.limit ? encodeCursor(items.at(-1)!) : null };
  });
}
