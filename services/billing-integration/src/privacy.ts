import { tenantDataApi, billingApi, type CategoryResult, type DataSubject, type OwnerDeclaration } from '@homi/contracts';
import { UNTIL_ACCOUNT_ERASURE, type DataOwner, type ExportRecord, type OwnerContext } from '@homi/privacy-kit';
import { parseInput } from '@homi/service-kit';
import type { Deps } from './application/deps';
import { accountOf, providerDetails } from './application/account';
import { eraseClient, eraseTenant } from './application/erase-subject';
import type { Repositories } from './application/ports';
import type { Invoice } from './domain/invoice';
import { ormRepositories } from './infrastructure/repositories';

export const PROVIDER_RECIPIENT = 'FactuurSturen.nl (invoicing processor)';
const recipients = [PROVIDER_RECIPIENT];
const untilAccount = { period: null, startsAt: UNTIL_ACCOUNT_ERASURE };

/**
 * What personal data billing-integration holds, why, and for how long (GDPR art. 30). The periods are
 * enforced by the purge jobs in retention.ts; the choices are explained in ADR 19.
 */
export const declaration: OwnerDeclaration = {
  owner: 'billing-integration',
  version: '2',
  controllerRole: 'processor',
  categories: [
    { name: 'invoicing-connection', description: "The institute's FactuurSturen.nl account name and whether it shares client data (the API key is kept encrypted and never exported; destroyed when the institute disconnects)",
      subjects: ['tenant'], fields: ['username', 'shareClientData', 'status', 'connectedAt'], purpose: 'Invoicing through the institute\'s own FactuurSturen.nl account',
      legalBasis: 'contract', retention: untilAccount, recipients: [], source: 'entered by the institute' },
    { name: 'sharing-consent', description: 'Who switched sharing client data with FactuurSturen.nl on or off, when, and which client fields it covers',
      subjects: ['tenant'], fields: ['action', 'actor', 'at', 'scope'], purpose: "Showing the institute's instruction to share client data (GDPR art. 5(2), 28(3)(a))",
      legalBasis: 'legal_obligation', retention: untilAccount, recipients: [], source: 'recorded when the institute changes the setting' },
    { name: 'client-mapping', description: "Which client number at FactuurSturen.nl stands for one of the institute's clients (kept while the client exists, or invoice copies refer to it)",
      subjects: ['client'], fields: ['clientId', 'clientNumber', 'status'], purpose: 'Invoicing the right client', legalBasis: 'contract',
      retention: { period: 'P0D', startsAt: 'the client is removed at the institute and no invoice copy refers to it any more' }, recipients: [], source: 'made when the client is first invoiced' },
    { name: 'provider-client', description: "The client's details as FactuurSturen.nl holds them for the institute: deleted there (blanked while invoices refer to it) when the client is removed at the institute",
      subjects: ['client'], fields: ['name', 'email', 'phone', 'address'], purpose: 'Addressing and sending invoices', legalBasis: 'contract',
      retention: untilAccount, recipients, source: "copied from the institute's client administration" },
    { name: 'invoices', description: 'Copies of the invoices made for the client at FactuurSturen.nl: lines, totals, dates, payment',
      subjects: ['client'], fields: ['providerInvoiceNumber', 'invoiceDate', 'lines', 'totals', 'paid', 'paidDate'], purpose: 'Invoicing and the fiscal records the law requires',
      legalBasis: 'legal_obligation', retention: { period: 'P7Y', startsAt: 'the invoice date (AWR art. 52)' }, recipients, source: 'made by the institute' },
    { name: 'disclosures', description: "To whom the client's data was passed, and under which consent of the institute",
      subjects: ['client'], fields: ['recipient', 'fields', 'firstSharedAt', 'consent'], purpose: 'Answering access requests (GDPR art. 15(1)(c))',
      legalBasis: 'legal_obligation', retention: untilAccount, recipients: [], source: 'recorded when data is shared' },
  ],
};

const invoiceRecord = (i: Invoice) => ({
  id: i.id, clientId: i.clientId, providerInvoiceNumber: i.providerInvoiceNumber, status: i.status, invoiceDate: i.invoiceDate, lines: i.lines,
  totals: { exclTaxCents: i.exclTaxCents, taxCents: i.taxCents, inclTaxCents: i.inclTaxCents }, paid: i.paid, paidDate: i.paidDate,
  restricted: i.restrictedAt !== null, retainUntil: i.retainUntil, createdAt: i.createdAt,
});

async function* exportClient(deps: Deps, repos: Repositories, tenantId: string, clientId: string): AsyncIterable<ExportRecord> {
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

async function* exportTenant(repos: Repositories, tenantId: string): AsyncIterable<ExportRecord> {
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
async function rectifyClient(deps: Deps, repos: Repositories, tenantId: string, clientId: string, corrections: Record<string, unknown>): Promise<CategoryResult[]> {
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

/** billing-integration as a data owner; every operation is idempotent and throws (to be retried) when the provider fails. */
export function billingDataOwner(deps: Deps): DataOwner {
  // The command's transaction, narrowed to the subject's tenant, through the same repositories as the use cases.
  const scoped = async (em: OwnerContext['em'], subject: DataSubject): Promise<Repositories | undefined> => {
    if (subject.kind === 'user') return undefined;
    const repos = ormRepositories(em);
    await repos.tenancy.enter(subject.tenantId, { ownerRole: true });
    return repos;
  };
  return {
    declaration,
    async *export(subject, { em }) {
      const repos = await scoped(em, subject);
      if (!repos || subject.kind === 'user') return;
      yield* subject.kind === 'client' ? exportClient(deps, repos, subject.tenantId, subject.clientId) : exportTenant(repos, subject.tenantId);
    },
    async erase(subject, { em, now }) {
      const repos = await scoped(em, subject);
      if (!repos || subject.kind === 'user') return [];
      return subject.kind === 'client' ? eraseClient(repos, deps, subject.tenantId, subject.clientId, now) : eraseTenant(repos, deps, subject.tenantId, now);
    },
    async rectify(subject, corrections, { em }) {
      const repos = subject.kind === 'client' ? await scoped(em, subject) : undefined;
      if (!repos || subject.kind !== 'client') return [];
      return rectifyClient(deps, repos, subject.tenantId, subject.clientId, corrections);
    },
  };
}
