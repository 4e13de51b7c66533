import type { Contract, ContractData, tenantDataApi } from '@homi/contracts';
import type { UnitOfWork } from '@homi/service-kit';
import type { ClientMapping, Connection, ConsentRecord } from '../domain/connection';
import type { Invoice } from '../domain/invoice';

/** A tenant's account at the invoicing provider: FactuurSturen username and API key. */
export interface InvoicingCredentials {
  username: string;
  apiKey: string;
}

/** The client's details as the provider keeps them; empty strings where nothing is known. */
export interface InvoicingClientDetails {
  contact: string;
  company?: string;
  address?: string;
  zipcode?: string;
  city?: string;
  country?: string;
  email?: string;
  phone?: string;
}

export interface InvoicingClient extends Required<InvoicingClientDetails> {
  clientNumber: number;
  /** Our id for this client (`cli_…`) when we created it; undefined for clients made elsewhere. */
  reference?: string;
}

export interface InvoiceLine {
  quantity: number;
  description: string;
  /** Percent: 0, 9 or 21. */
  taxRate: number;
  /** Excluding tax, in euro cents. */
  unitPriceCents: number;
}

export interface NewInvoice {
  /** Our id for this invoice (`inv_…`); stored with it at the provider so a lost answer can be reconciled. */
  reference: string;
  clientNumber: number;
  lines: InvoiceLine[];
  /** true: the provider e-mails the invoice to the client; false: it is only made (the institute hands it over). */
  sendByEmail: boolean;
}

export interface InvoicingInvoice {
  invoiceNumber: string;
  clientNumber: number;
  reference?: string;
  lines: InvoiceLine[];
  totalExclTaxCents: number;
  taxCents: number;
  totalInclTaxCents: number;
  /** What is still to be paid; 0 once paid in full. */
  openCents: number;
  paid: boolean;
  paidDate?: string;
  sentDate?: string;
  dueDate?: string;
}

/**
 * The invoicing provider (FactuurSturen.nl), per tenant account. Failures are AppErrors:
 * - `invalid` with type `invoicing-credentials-rejected`: the username or API key is wrong;
 * - `invalid`: the provider refused the data (its message in the detail);
 * - `conflict`: a client cannot be deleted while invoices refer to it;
 * - `rate_limited`: the account's request budget is spent (Retry-After in the headers);
 * - `unavailable`: the provider is down, slow, or the circuit is open. For a creation this means
 *   *outcome unknown* (type `invoicing-outcome-unknown`): reconcile with the find-by-reference
 *   method before creating again (ADR 13).
 */
export interface InvoicingProvider {
  /** Resolves when the provider accepts the credentials. */
  verifyCredentials(account: InvoicingCredentials): Promise<void>;

  findClientByReference(account: InvoicingCredentials, reference: string): Promise<InvoicingClient | undefined>;
  getClient(account: InvoicingCredentials, clientNumber: number): Promise<InvoicingClient | undefined>;
  /** Sent once, never retried: the client number the provider assigned. */
  createClient(account: InvoicingCredentials, reference: string, details: InvoicingClientDetails): Promise<number>;
  /** Changes the fields given; the reference is kept. */
  updateClient(account: InvoicingCredentials, clientNumber: number, details: Partial<InvoicingClientDetails>): Promise<void>;
  /** A client already gone counts as deleted; one with invoices is a conflict (blank it instead). */
  deleteClient(account: InvoicingCredentials, clientNumber: number): Promise<void>;
  /** Overwrites every personal field of a client that must stay because invoices refer to it (GDPR art. 17, 19). */
  blankClient(account: InvoicingCredentials, clientNumber: number): Promise<void>;

  /** Sent once, never retried: the invoice number the provider assigned. */
  createInvoice(account: InvoicingCredentials, invoice: NewInvoice): Promise<string>;
  findInvoiceByReference(account: InvoicingCredentials, reference: string): Promise<InvoicingInvoice | undefined>;
  getInvoice(account: InvoicingCredentials, invoiceNumber: string): Promise<InvoicingInvoice | undefined>;
  listInvoicesForClient(account: InvoicingCredentials, clientNumber: number): Promise<InvoicingInvoice[]>;
  /** The provider's PDF of the invoice, for the copy we keep. */
  getInvoicePdf(account: InvoicingCredentials, invoiceNumber: string): Promise<Uint8Array | undefined>;
}

/** Where a client's details come from: tenant-data, which holds them (events are thin). */
export interface ClientDirectory {
  /** The client's invoiceable fields, or undefined when tenant-data does not hold the client (any more). Throws when it cannot answer now. */
  get(tenantId: string, clientId: string): Promise<tenantDataApi.InvoiceableClient | undefined>;
}

/** Where an appointment to invoice comes from: tenant-data, which holds it and its treatment (ADR 55). */
export interface AppointmentDirectory {
  /** The appointment with its client id and treatment, or undefined when the tenant does not hold it. Throws when it cannot answer now. */
  get(tenantId: string, appointmentId: string): Promise<tenantDataApi.InvoiceableAppointment | undefined>;
}

/** Seals a tenant's secret at rest and opens it again (service-kit's CredentialCipher). */
export interface SecretCipher {
  readonly currentKeyId: string;
  seal(plain: string, tenantId: string): { keyId: string; value: string };
  open(sealed: { keyId: string; value: string }, tenantId: string): string;
}

/** The tenants' provider connections. */
export interface ConnectionRepository {
  get(tenantId: string): Promise<Connection | null>;
  add(connection: Connection): void;
  remove(connection: Connection): void;
  /** Across tenants (acrossTenants only): every connection whose key is sealed under another key than `keyId`. */
  sealedUnderOtherKey(keyId: string): Promise<Connection[]>;
  deleteAll(tenantId: string): Promise<number>;
}

/** The append-only record of consent to share client data. */
export interface ConsentRepository {
  add(record: ConsentRecord): void;
  /** The latest record, newest `at` then id. */
  latest(tenantId: string): Promise<ConsentRecord | null>;
  /** The latest consent given at or before `at`. */
  latestGivenBy(tenantId: string, at: Date): Promise<ConsentRecord | null>;
  /** Oldest first. */
  list(tenantId: string): Promise<ConsentRecord[]>;
  deleteAll(tenantId: string): Promise<number>;
}

/** Which provider client stands for a client. Reads are fresh from the store, never a cached copy. */
export interface ClientMappingRepository {
  /** With `lock`, the row stays locked for the rest of the unit of work. */
  get(tenantId: string, clientId: string, options?: { lock?: boolean }): Promise<ClientMapping | null>;
  /** The mapping, made `pending` when missing, and locked for the rest of the unit of work. */
  lock(tenantId: string, clientId: string, now: Date): Promise<ClientMapping>;
  countCreated(tenantId: string, clientId: string): Promise<number>;
  /** Ordered by client id. */
  list(tenantId: string): Promise<ClientMapping[]>;
  deleteAll(tenantId: string): Promise<number>;
}

export interface InvoiceListQuery {
  status?: string;
  /** Only this client's copies, none restricted. */
  clientId?: string;
  appointmentId?: string;
  /** Continues after this (createdAt, id), newest first. */
  after?: { at: Date; id: string };
  limit: number;
}

export interface ClaimedInvoice {
  id: string;
  tenantId: string;
}

/** Our invoice copies. Reads are fresh from the store. */
export interface InvoiceRepository {
  get(tenantId: string, id: string): Promise<Invoice | null>;
  add(invoice: Invoice): void;
  remove(invoice: Invoice): void;
  /** The appointment's invoice that is not failed (at most one: the database's unique index holds it), fresh from the store. */
  ofAppointment(tenantId: string, appointmentId: string): Promise<Invoice | null>;
  /** Newest first (createdAt, then id). */
  list(tenantId: string, query: InvoiceListQuery): Promise<Invoice[]>;
  /** The copies of a tenant, or of one of its clients, by id; with `lock` they stay locked for the rest of the unit of work. */
  ofSubject(where: { tenantId: string; clientId?: string }, options?: { lock?: boolean }): Promise<Invoice[]>;
  /** Every pending invoice of the tenant due at once (working credentials arrived). */
  retryPendingNow(tenantId: string, now: Date): Promise<void>;
  putOff(tenantId: string, id: string, lastError: string, nextAttemptAt: Date): Promise<void>;
  /** Across tenants: the next pending invoice due, locked (skipping locked ones) for the rest of the unit of work. */
  claimDue(now: Date): Promise<ClaimedInvoice | undefined>;
  /** Across tenants: up to `batch` unpaid invoices whose check is due, their next check moved to `next`. */
  claimPollable(now: Date, next: Date, batch: number): Promise<(ClaimedInvoice & { providerInvoiceNumber: string })[]>;
}

/** A record we create at the provider: a client (our client id its reference) or an invoice (our invoice id). */
export interface ProviderRecord {
  tenantId: string;
  kind: 'client' | 'invoice';
  reference: string;
  /** The client it is, or the invoice is for: the mark goes with this client's erasure. */
  clientId: string;
}

/**
 * Marks of creations sent to the provider whose outcome is not recorded yet (ADR 67). A mark is
 * committed before the call in a transaction of its own (begin, through `uow.forTenant`), so the
 * attempt's rollback or crash cannot take it back, and is removed in the transaction recording the
 * outcome. A mark found by the next attempt means the record may exist: look it up by reference.
 */
export interface ProviderCallRepository {
  /** Adds the mark unless it is there; true when it was there already (an earlier attempt's). */
  begin(record: ProviderRecord, at: Date): Promise<boolean>;
  end(record: ProviderRecord): Promise<void>;
  has(record: ProviderRecord): Promise<boolean>;
  /** The marks of a client (its own and its invoices'), or of a whole tenant; for an erasure, under the invoices' locks. */
  forget(where: { tenantId: string; clientId?: string }): Promise<number>;
}

/**
 * Postgres' unique index that allows one invoice (not failed) per appointment; the adapters let its
 * violation (23505) through unchanged, so the use case can name the invoice that won a race.
 */
export const ONE_INVOICE_PER_APPOINTMENT = 'invoices_one_per_appointment';

/** Events published only if the unit of work commits (the transactional outbox). */
export interface Events {
  publish<C extends Contract>(contract: C, data: ContractData<C>): void;
}

/** Narrows a unit of work already open (across tenants, or a consumer's) to one tenant. */
export interface Tenancy {
  /** `ownerRole` keeps the owner's rights the tenant role lacks: for privacy erasure only. */
  enter(tenantId: string, options?: { ownerRole?: boolean }): Promise<void>;
}

/** Whether anything of one of a tenant's clients is held here: its mapping, an invoice copy, or the mark of a call to the provider (ADR 67). */
export interface ClientHoldings {
  any(tenantId: string, clientId: string): Promise<boolean>;
}

/** What one unit of work of billing-integration yields. */
export interface Repositories {
  connections: ConnectionRepository;
  consents: ConsentRepository;
  mappings: ClientMappingRepository;
  invoices: InvoiceRepository;
  providerCalls: ProviderCallRepository;
  holdings: ClientHoldings;
  events: Events;
  tenancy: Tenancy;
}

export type BillingUnitOfWork = UnitOfWork<Repositories>;
