// The simulator's in-memory administration: one per account, with the records kept as typed values.
// The wire shapes (string-typed numbers, keyed invoice lines) are made in wire.ts.

export interface ClientRecord {
  clientnr: number;
  contact: string;
  showcontact: boolean;
  company: string;
  address: string;
  zipcode: string;
  city: string;
  country: string;
  phone: string;
  mobile: string;
  email: string;
  taxnumber: string;
  notes: string;
  active: boolean;
  timestamp: string;
}

export interface InvoiceLineRecord {
  amount: number;
  amount_desc: string;
  description: string;
  tax_rate: number;
  price: number;
  discount_pct: number;
}

export interface InvoiceRecord {
  id: number;
  invoicenr: string;
  invoicenr_full: string;
  clientnr: number;
  /** The addressee as it was when the invoice was made: an invoice is a fiscal document and keeps it. */
  company: string;
  contact: string;
  address: string;
  zipcode: string;
  city: string;
  country: string;
  email: string;
  reference: { line1: string; line2: string; line3: string };
  invoicenote: string;
  lines: InvoiceLineRecord[];
  action: 'send';
  sendmethod: SendMethod;
  paymentperiod: number;
  sent: string;
  duedate: string;
  totalexcltax: number;
  tax: number;
  totalintax: number;
  open: number;
  paiddate: string | null;
  collection: boolean;
}

export type SendMethod = 'mail' | 'email' | 'printcenter';

export interface ProductRecord {
  id: number;
  code: string;
  name: string;
  price: number;
  taxes: number;
}

export interface AccountCredentials {
  username: string;
  apiKey: string;
}

export interface AccountState {
  readonly username: string;
  readonly apiKey: string;
  clients: ClientRecord[];
  invoices: InvoiceRecord[];
  products: ProductRecord[];
  nextClientnr: number;
  nextInvoiceSeq: number;
}

export const TAX_RATES = [0, 9, 21] as const;

const seedProducts = (): ProductRecord[] => [
  { id: 1, code: 'KNIP', name: 'Knippen', price: 30, taxes: 21 },
  { id: 2, code: 'PEDI', name: 'Pedicurebehandeling', price: 42.5, taxes: 21 },
];

export const newAccount = ({ username, apiKey }: AccountCredentials): AccountState => ({
  username,
  apiKey,
  clients: [],
  invoices: [],
  products: seedProducts(),
  nextClientnr: 1,
  nextInvoiceSeq: 1,
});

export const roundCents = (n: number): number => Math.round(n * 100) / 100;

/** Line totals, tax per line and the invoice totals, rounded to cents the way an invoice shows them. */
export function totals(lines: InvoiceLineRecord[]): { totalexcltax: number; tax: number; totalintax: number } {
  let excl = 0;
  let tax = 0;
  for (const line of lines) {
    const lineTotal = roundCents(line.amount * line.price * (1 - line.discount_pct / 100));
    excl += lineTotal;
    tax += roundCents((lineTotal * line.tax_rate) / 100);
  }
  return { totalexcltax: roundCents(excl), tax: roundCents(tax), totalintax: roundCents(excl + tax) };
}

export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
