// The InvoicingProvider port over FactuurSturen.nl's REST API v1 (HTTP Basic: username + API key).
import { AppError } from '@homi/service-kit';
import type { z } from 'zod';
import type { InvoiceLine, InvoicingClient, InvoicingClientDetails, InvoicingCredentials, InvoicingInvoice, InvoicingProvider, NewInvoice } from '../application/ports';
import { FactuurSturenHttp, type FactuurSturenHttpOptions, type HttpAnswer } from './factuursturen-http';
import { REFERENCE, WireClient, WireInvoice, referenceIn, referenceMarker, unwrap } from './factuursturen-wire';

export type FactuurSturenProviderOptions = FactuurSturenHttpOptions;

/** What a blanked client keeps: a name FactuurSturen requires, nothing personal. */
export const BLANKED_CONTACT = 'Gewiste klant';

const PERSONAL_FIELDS = ['company', 'address', 'zipcode', 'city', 'email', 'phone', 'mobile', 'taxnumber'] as const;

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  // Names the fields only: the values are personal data.
  if (!result.success) throw new Error(`FactuurSturen answered ${what} of an unexpected shape (${result.error.issues.map((i) => i.path.join('.')).join(', ')})`);
  return result.data;
}

function json(answer: HttpAnswer, what: string): unknown {
  try {
    return JSON.parse(answer.body.toString('utf8'));
  } catch {
    throw new Error(`FactuurSturen answered ${what} that is not JSON`);
  }
}

/**
 * The record of a list answer whose free-text field (`notes`, `invoicenote`) carries our reference,
 * validated as `schema`; undefined when none does. FactuurSturen filters nothing, so a list is the
 * account's every client or invoice: the other records are only checked to have text or nothing in
 * that field, not validated whole (a soak showed validating them all made every invoice cost the
 * whole account in garbage). A list that is not an array, or a record whose field is not text, is an
 * answer of an unexpected shape, as before.
 */
function recordWithReference<S extends z.ZodType>(answer: HttpAnswer, what: string, field: 'notes' | 'invoicenote', reference: string, schema: S): z.output<S> | undefined {
  if (answer.status !== 200) throw unexpected(answer, what);
  const list = json(answer, what);
  if (!Array.isArray(list)) throw new Error(`FactuurSturen answered ${what} of an unexpected shape (not a list)`);
  let found: unknown;
  for (const [n, item] of list.entries()) {
    const text = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[field] : undefined;
    if (text !== undefined && text !== null && typeof text !== 'string') throw new Error(`FactuurSturen answered ${what} of an unexpected shape (${n}.${field})`);
    if (found === undefined && typeof text === 'string' && referenceIn(text) === reference) found = item;
  }
  return found === undefined ? undefined : parse(schema, found, what.replace(/ list$/, ''));
}

/** The provider's own refusal message (plain text), shortened, for the caller's problem detail. */
const message = (answer: HttpAnswer) => answer.body.toString('utf8').trim().slice(0, 300) || `HTTP ${answer.status}`;

function unexpected(answer: HttpAnswer, what: string): Error {
  if (answer.status === 400 || answer.status === 422) return new AppError('invalid', `FactuurSturen refused ${what}: ${message(answer)}`, { type: 'invoicing-refused' });
  if (answer.status === 404) return new AppError('not_found', `${what} was not found at FactuurSturen`);
  return new Error(`FactuurSturen answered ${what} with HTTP ${answer.status}`);
}

/** The number a POST answers as its plain-text body. */
function createdNumber(answer: HttpAnswer, what: string): string {
  if (answer.status !== 201 && answer.status !== 200) throw unexpected(answer, what);
  const value = answer.body.toString('utf8').trim().replace(/^"(.*)"$/, '$1');
  if (!/^[A-Za-z0-9-]{1,40}$/.test(value)) throw new Error(`FactuurSturen answered ${what} without a number`);
  return value;
}

function checkReference(reference: string): void {
  if (!REFERENCE.test(reference)) throw new AppError('invalid', 'A provider reference is 1–64 letters, digits, _ or -');
}

const toClient = (c: WireClient): InvoicingClient => ({
  clientNumber: c.clientnr,
  reference: referenceIn(c.notes),
  contact: c.contact,
  company: c.company,
  address: c.address,
  zipcode: c.zipcode,
  city: c.city,
  country: c.country,
  email: c.email,
  phone: c.phone,
});

const toInvoice = (i: WireInvoice): InvoicingInvoice => ({
  invoiceNumber: i.invoicenr,
  clientNumber: i.clientnr,
  reference: referenceIn(i.invoicenote),
  lines: i.lines.map((l): InvoiceLine => ({ quantity: l.amount, description: l.description, taxRate: l.tax_rate, unitPriceCents: l.price })),
  totalExclTaxCents: i.totalexcltax ?? i.totalintax - i.tax,
  taxCents: i.tax,
  totalInclTaxCents: i.totalintax,
  openCents: i.open,
  paid: i.open <= 0,
  paidDate: i.paiddate || undefined,
  sentDate: i.sent || undefined,
  dueDate: i.duedate || undefined,
});

const clientFields = (details: Partial<InvoicingClientDetails>) =>
  Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined));

/**
 * Reads are retried (idempotent); creations are sent once and, when their answer is lost, fail with
 * `invoicing-outcome-unknown`, after which the caller reconciles by reference (ADR 13).
 */
export class FactuurSturenProvider implements InvoicingProvider {
  private readonly http: FactuurSturenHttp;

  constructor(options: FactuurSturenProviderOptions) {
    this.http = new FactuurSturenHttp(options);
  }

  /** For readiness and tests: `open` while calls are refused without trying. */
  get circuit() {
    return this.http.circuit;
  }

  async verifyCredentials(account: InvoicingCredentials): Promise<void> {
    const answer = await this.http.request(account, { method: 'GET', path: 'products' });
    if (answer.status !== 200) throw unexpected(answer, 'the credentials check');
  }

  async findClientByReference(account: InvoicingCredentials, reference: string): Promise<InvoicingClient | undefined> {
    checkReference(reference);
    const answer = await this.http.request(account, { method: 'GET', path: 'clients' });
    const found = recordWithReference(answer, 'the client list', 'notes', reference, WireClient);
    return found && toClient(found);
  }

  async getClient(account: InvoicingCredentials, clientNumber: number): Promise<InvoicingClient | undefined> {
    const answer = await this.http.request(account, { method: 'GET', path: `clients/${clientNumber}` });
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw unexpected(answer, 'the client');
    return toClient(parse(WireClient, unwrap(json(answer, 'a client'), 'client'), 'a client'));
  }

  async createClient(account: InvoicingCredentials, reference: string, details: InvoicingClientDetails): Promise<number> {
    checkReference(reference);
    const answer = await this.http.request(account, {
      method: 'POST', path: 'clients', body: { ...clientFields(details), notes: referenceMarker(reference) },
    });
    const nr = createdNumber(answer, 'the new client');
    if (!/^\d+$/.test(nr)) throw new Error('FactuurSturen answered a client number that is not a number');
    return Number(nr);
  }

  async updateClient(account: InvoicingCredentials, clientNumber: number, details: Partial<InvoicingClientDetails>): Promise<void> {
    const answer = await this.http.request(account, { method: 'PUT', path: `clients/${clientNumber}`, body: clientFields(details) });
    if (answer.status !== 200 && answer.status !== 204) throw unexpected(answer, `client ${clientNumber}`);
  }

  async deleteClient(account: InvoicingCredentials, clientNumber: number): Promise<void> {
    const answer = await this.http.request(account, { method: 'DELETE', path: `clients/${clientNumber}` });
    // 404: already gone, possibly by our own earlier attempt whose answer was lost.
    if (answer.status === 200 || answer.status === 204 || answer.status === 404) return;
    if (answer.status === 400 || answer.status === 409) {
      throw new AppError('conflict', `FactuurSturen keeps client ${clientNumber}: ${message(answer)}`, { type: 'invoicing-client-has-invoices' });
    }
    throw unexpected(answer, `client ${clientNumber}`);
  }

  async blankClient(account: InvoicingCredentials, clientNumber: number): Promise<void> {
    const client = await this.getClient(account, clientNumber);
    if (!client) return;
    const blank = Object.fromEntries(PERSONAL_FIELDS.map((f) => [f, '']));
    // Free-text notes may hold personal data too; only our reference survives, so the mapping does.
    const notes = client.reference ? referenceMarker(client.reference) : '';
    const answer = await this.http.request(account, {
      method: 'PUT', path: `clients/${clientNumber}`, body: { ...blank, contact: BLANKED_CONTACT, notes },
    });
    if (answer.status !== 200 && answer.status !== 204 && answer.status !== 404) throw unexpected(answer, `client ${clientNumber}`);
  }

  async createInvoice(account: InvoicingCredentials, invoice: NewInvoice): Promise<string> {
    checkReference(invoice.reference);
    if (invoice.lines.length === 0) throw new AppError('invalid', 'An invoice needs at least one line');
    const lines = Object.fromEntries(
      invoice.lines.map((l, n) => [`line${n + 1}`, { amount: l.quantity, description: l.description, tax_rate: l.taxRate, price: (l.unitPriceCents / 100).toFixed(2) }]),
    );
    const answer = await this.http.request(account, {
      method: 'POST',
      path: 'invoices',
      body: {
        clientnr: invoice.clientNumber,
        action: 'send',
        sendmethod: invoice.sendByEmail ? 'email' : 'mail',
        lines,
        invoicenote: referenceMarker(invoice.reference),
      },
    });
    return createdNumber(answer, 'the new invoice');
  }

  async findInvoiceByReference(account: InvoicingCredentials, reference: string): Promise<InvoicingInvoice | undefined> {
    checkReference(reference);
    const answer = await this.http.request(account, { method: 'GET', path: 'invoices' });
    const found = recordWithReference(answer, 'the invoice list', 'invoicenote', reference, WireInvoice);
    return found && toInvoice(found);
  }

  async getInvoice(account: InvoicingCredentials, invoiceNumber: string): Promise<InvoicingInvoice | undefined> {
    const answer = await this.http.request(account, { method: 'GET', path: `invoices/${encodeURIComponent(invoiceNumber)}` });
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw unexpected(answer, 'the invoice');
    return toInvoice(parse(WireInvoice, unwrap(json(answer, 'an invoice'), 'invoice'), 'an invoice'));
  }

  async listInvoicesForClient(account: InvoicingCredentials, clientNumber: number): Promise<InvoicingInvoice[]> {
    return (await this.listInvoices(account)).filter((i) => i.clientNumber === clientNumber);
  }

  async getInvoicePdf(account: InvoicingCredentials, invoiceNumber: string): Promise<Uint8Array | undefined> {
    const answer = await this.http.request(account, { method: 'GET', path: `invoices_pdf/${encodeURIComponent(invoiceNumber)}`, accept: 'application/pdf' });
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw unexpected(answer, 'the invoice PDF');
    if (answer.body.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('FactuurSturen answered an invoice PDF that is not a PDF');
    return new Uint8Array(answer.body);
  }

  private async listInvoices(account: InvoicingCredentials): Promise<InvoicingInvoice[]> {
    const answer = await this.http.request(account, { method: 'GET', path: 'invoices' });
    if (answer.status !== 200) throw unexpected(answer, 'the invoice list');
    return parse(WireInvoice.array(), json(answer, 'the invoice list'), 'the invoice list').map(toInvoice);
  }
}
