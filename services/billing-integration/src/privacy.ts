import type { DataSubject, OwnerDeclaration } from '@homi/contracts';
import { UNTIL_ACCOUNT_ERASURE, type DataOwner, type OwnerContext } from '@homi/privacy-kit';
import type { Deps } from './application/deps';
import { eraseClient, eraseTenant } from './application/erase-subject';
import type { Repositories } from './application/ports';
import { exportClient, exportTenant, PROVIDER_RECIPIENT, rectifyClient } from './application/subject-data';
import { ormRepositories } from './infrastructure/repositories';

export { PROVIDER_RECIPIENT };
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
