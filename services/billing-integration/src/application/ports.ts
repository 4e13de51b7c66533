import type { tenantDataApi } from '@homi/contracts';

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
