import { tenantDataApi, billingApi, type CategoryResult } from '@homi/contracts';
import type { ExportRecord } from '@homi/privacy-kit';
import { parseInput } from '@homi/service-kit';
import type { Invoice } from '../domain/invoice';
import { accountOf, providerDetails } from './account';
import type { Deps } from './deps';
import type { Repositories } from './ports';

// A data subject's records for an access request, and a rectification carried to the provider:
// privacy.ts runs them on the repositories of the privacy command's transaction.

/** The recipient named in exports and the declaration. */
export const PROVIDER_RECIPIENT = 'FactuurSturen.nl (invoicing processor)';

/** An invoice copy as the subject reads it in an export. */
const invoiceRecord = (i: Invoice) => ({
  id: i.id, clientId: i.clientId, providerInvoiceNumber: i.providerInvoiceNumber, status: i.status, invoiceDate: i.invoiceDate, lines: i.lines,
  totals: { exclTaxCents: i.exclTaxCents, taxCents: i.taxCents, inclTaxCents: i.inclTaxCents }, paid: i.paid, paidDate: i.paidDate,
  restricted: i.restrictedAt !== null, retainUntil: i.retainUntil, createdAt: i.createdAt,
});

/** What is held on a client: mapping, the provider's copy, to whom it went under which consent, invoice copies. */
export async function* exportClient(deps: Deps, repos: Repositories, tenantId: string, clientId: string): AsyncIterable<ExportRecord> {
  const mapping = await repos.mappings.get(tenantId, clientId);
  const connection = await repos.connections.get(tenantId);
  if (mapping) {
    yield { category: 'client-mapping', data: { clientId, clientNumber: mapping.clientNumber, status: mapping.status } };
    if (connection && mapping.clientNumber !== null && mapping.status !== 'deleted') {
      const remote = await deps.provider.getClient(accountOf(deps, connection), mapping.clientNumber);
      if (remote) yield { category: 'provider-client', data: { recipient: PROVIDER_RECIPIENT, ...remote } };
    }
    // The consent in force when the client was first shared: the latest one given before.
    const consent = await repos.consents.latestGivenBy(tenantId, mapping.createdAt);
    yield { category: 'disclosures', data: {
      recipient: PROVIDER_RECIPIENT, fields: [...billingApi.SHARED_CLIENT_FIELDS], firstSharedAt: mapping.createdAt,
      consent: consent ? { givenBy: consent.actor, givenAt: consent.at, scope: consent.scope } : null,
    } };
  }
  for (const invoice of await repos.invoices.ofSubject({ tenantId, clientId })) yield { category: 'invoices', data: invoiceRecord(invoice) };
}

/** What is held on a tenant: connection (never the key), consent records, mappings, invoice copies. */
export async function* exportTenant(repos: Repositories, tenantId: string): AsyncIterable<ExportRecord> {
  const connection = await repos.connections.get(tenantId);
  if (connection) {
    const { username, shareClientData, status, connectedAt } = connection;
    yield { category: 'invoicing-connection', data: { provider: 'factuursturen', username, shareClientData, status, connectedAt } };
  }
  for (const c of await repos.consents.list(tenantId)) {
    yield { category: 'sharing-consent', data: { action: c.action, actor: c.actor, at: c.at, scope: c.scope } };
  }
  for (const m of await repos.mappings.list(tenantId)) {
    yield { category: 'client-mapping', data: { clientId: m.clientId, clientNumber: m.clientNumber, status: m.status } };
  }
  for (const invoice of await repos.invoices.ofSubject({ tenantId })) yield { category: 'invoices', data: invoiceRecord(invoice) };
}

const HELD = ['name', 'email', 'phone', 'address'] as const;

/** Corrections to a client's fields, carried to the provider where it holds the client (GDPR art. 19). */
export async function rectifyClient(deps: Deps, repos: Repositories, tenantId: string, clientId: string, corrections: Record<string, unknown>): Promise<CategoryResult[]> {
  const held = Object.fromEntries(Object.entries(corrections).filter(([k]) => (HELD as readonly string[]).includes(k)));
  const none: CategoryResult[] = [{ category: 'provider-client', records: 0, action: 'none' }];
  if (Object.keys(held).length === 0) return none;
  const changes = parseInput(tenantDataApi.UpdateClient, held, 'corrections');
  const mapping = await repos.mappings.get(tenantId, clientId);
  const connection = await repos.connections.get(tenantId);
  if (!connection || !mapping || mapping.status !== 'created' || mapping.clientNumber === null) return none;
  const full = providerDetails({ id: clientId, name: changes.name ?? '', email: changes.email ?? null, phone: changes.phone ?? null, address: changes.address ?? null });
  const update = Object.fromEntries(Object.entries({
    contact: changes.name === undefined ? undefined : full.contact,
    email: changes.email === undefined ? undefined : full.email,
    phone: changes.phone === undefined ? undefined : full.phone,
    ...(changes.address === undefined ? {} : { address: full.address, zipcode: full.zipcode, city: full.city, country: full.country }),
  }).filter(([, v]) => v !== undefined));
  await deps.provider.updateClient(accountOf(deps, connection), mapping.clientNumber, update);
  return [{ category: 'provider-client', records: 1, action: 'rectified' }];
}

