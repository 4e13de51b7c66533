// What goes over the wire. FactuurSturen answers numbers and booleans as strings, keys invoice lines
// as `line1`, `line2`, …, and accepts numbers either as JSON numbers or numeric strings.
import {
  type ClientRecord,
  type InvoiceLineRecord,
  type InvoiceRecord,
  type ProductRecord,
  type SendMethod,
  TAX_RATES,
} from './store';

const money = (n: number) => n.toFixed(2);
const num = (n: number) => String(n);
const flag = (b: boolean) => (b ? 'true' : 'false');

export const clientToWire = (c: ClientRecord) => ({
  clientnr: num(c.clientnr),
  contact: c.contact,
  showcontact: flag(c.showcontact),
  company: c.company,
  address: c.address,
  zipcode: c.zipcode,
  city: c.city,
  country: c.country,
  phone: c.phone,
  mobile: c.mobile,
  email: c.email,
  taxnumber: c.taxnumber,
  notes: c.notes,
  active: flag(c.active),
  timestamp: c.timestamp,
});

const lineToWire = (l: InvoiceLineRecord) => ({
  amount: num(l.amount),
  amount_desc: l.amount_desc,
  description: l.description,
  tax_rate: num(l.tax_rate),
  price: money(l.price),
  discount_pct: num(l.discount_pct),
  linetotal: money(l.amount * l.price * (1 - l.discount_pct / 100)),
});

export const invoiceToWire = (i: InvoiceRecord) => ({
  id: num(i.id),
  invoicenr: i.invoicenr,
  invoicenr_full: i.invoicenr_full,
  clientnr: num(i.clientnr),
  company: i.company,
  contact: i.contact,
  address: i.address,
  zipcode: i.zipcode,
  city: i.city,
  country: i.country,
  email: i.email,
  reference: i.reference,
  invoicenote: i.invoicenote,
  lines: Object.fromEntries(i.lines.map((l, n) => [`line${n + 1}`, lineToWire(l)])),
  sendmethod: i.sendmethod,
  paymentperiod: num(i.paymentperiod),
  sent: i.sent,
  duedate: i.duedate,
  totalexcltax: money(i.totalexcltax),
  tax: money(i.tax),
  totalintax: money(i.totalintax),
  open: money(i.open),
  paiddate: i.paiddate ?? '',
  // The one boolean that FactuurSturen sends as "1"/"0" rather than "true"/"false".
  collection: i.collection ? '1' : '0',
});

export const productToWire = (p: ProductRecord) => ({
  id: num(p.id),
  code: p.code,
  name: p.name,
  price: money(p.price),
  taxes: num(p.taxes),
  priceintax: money(p.price * (1 + p.taxes / 100)),
});

/** A refusal the API answers with 400 and a plain-text message. */
export class ValidationError extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function numeric(v: unknown, field: string): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new ValidationError(`${field} must be a number`);
  return n;
}

function text(v: unknown, field: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new ValidationError(`${field} must be a string`);
  return v;
}

function bool(v: unknown, field: string): boolean {
  if (v === true || v === 'true' || v === '1' || v === 1) return true;
  if (v === false || v === 'false' || v === '0' || v === 0) return false;
  throw new ValidationError(`${field} must be a boolean`);
}

const CLIENT_TEXT_FIELDS = ['contact', 'company', 'address', 'zipcode', 'city', 'country', 'phone', 'mobile', 'email', 'taxnumber', 'notes'] as const;
type ClientTextField = (typeof CLIENT_TEXT_FIELDS)[number];
export type ClientChanges = Partial<Pick<ClientRecord, ClientTextField | 'showcontact' | 'active'>>;

/** A client body: an object, or (as some clients send it) an array holding one object. */
export function parseClientBody(body: unknown): ClientChanges {
  const obj = Array.isArray(body) && body.length === 1 ? body[0] : body;
  if (!isObject(obj)) throw new ValidationError('Expected a client object');
  const changes: ClientChanges = {};
  for (const field of CLIENT_TEXT_FIELDS) if (field in obj) changes[field] = text(obj[field], field).trim();
  if ('showcontact' in obj) changes.showcontact = bool(obj.showcontact, 'showcontact');
  if ('active' in obj) changes.active = bool(obj.active, 'active');
  if (changes.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(changes.email)) throw new ValidationError('email is not a valid e-mail address');
  return changes;
}

export interface InvoiceInput {
  clientnr: number;
  lines: InvoiceLineRecord[];
  sendmethod: SendMethod;
  reference: { line1: string; line2: string; line3: string };
  invoicenote: string;
  paymentperiod?: number;
}

function parseLine(raw: unknown, name: string): InvoiceLineRecord {
  if (!isObject(raw)) throw new ValidationError(`${name} must be an object`);
  const description = text(raw.description, `${name}.description`).trim();
  if (!description) throw new ValidationError(`${name}.description is required`);
  const taxRate = numeric(raw.tax_rate, `${name}.tax_rate`);
  if (!(TAX_RATES as readonly number[]).includes(taxRate)) throw new ValidationError(`${name}.tax_rate ${taxRate} is not a valid tax rate (${TAX_RATES.join(', ')})`);
  const amount = numeric(raw.amount, `${name}.amount`);
  if (amount === 0) throw new ValidationError(`${name}.amount must not be 0`);
  const discount = raw.discount_pct === undefined || raw.discount_pct === '' ? 0 : numeric(raw.discount_pct, `${name}.discount_pct`);
  return {
    amount,
    amount_desc: text(raw.amount_desc, `${name}.amount_desc`),
    description,
    tax_rate: taxRate,
    price: numeric(raw.price, `${name}.price`),
    discount_pct: discount,
  };
}

/** An invoice to send. Lines come as an array or keyed `line1`, `line2`, …; only action `send` is simulated. */
export function parseInvoiceBody(body: unknown): InvoiceInput {
  if (!isObject(body)) throw new ValidationError('Expected an invoice object');
  if (body.clientnr === undefined) throw new ValidationError('clientnr is required');
  const clientnr = numeric(body.clientnr, 'clientnr');
  if (body.action === undefined) throw new ValidationError('action is required');
  if (body.action !== 'send') throw new ValidationError(`action '${String(body.action)}' is not supported here; use 'send'`);
  const sendmethod = body.sendmethod;
  if (sendmethod !== 'mail' && sendmethod !== 'email' && sendmethod !== 'printcenter') {
    throw new ValidationError("sendmethod is required with action 'send' (mail, email or printcenter)");
  }
  const rawLines = Array.isArray(body.lines) ? body.lines.map((l, n) => [`line${n + 1}`, l] as const) : isObject(body.lines) ? Object.entries(body.lines) : [];
  if (rawLines.length === 0) throw new ValidationError('An invoice needs at least one line');
  const ref = isObject(body.reference) ? body.reference : {};
  return {
    clientnr,
    lines: rawLines.map(([name, raw]) => parseLine(raw, name)),
    sendmethod,
    reference: { line1: text(ref.line1, 'reference.line1'), line2: text(ref.line2, 'reference.line2'), line3: text(ref.line3, 'reference.line3') },
    invoicenote: text(body.invoicenote, 'invoicenote'),
    paymentperiod: body.paymentperiod === undefined ? undefined : numeric(body.paymentperiod, 'paymentperiod'),
  };
}
