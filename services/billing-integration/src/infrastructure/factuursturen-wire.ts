// FactuurSturen's answers as zod schemas: numbers and booleans arrive as strings ("59.19", "true",
// "1"), invoice lines keyed `line1`, `line2`, … (an array is accepted too), single records wrapped
// in a root element ({"client": {…}}).
import { z } from 'zod';

const numeric = z.union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/)]).transform(Number);
const cents = numeric.transform((n) => Math.round(n * 100));
const text = z.string().nullish().transform((v) => v ?? '');

export const flag = z
  .union([z.boolean(), z.enum(['1', '0', 'true', 'false', ''])])
  .transform((v) => v === true || v === '1' || v === 'true');

export const WireClient = z.object({
  clientnr: numeric,
  contact: text,
  company: text,
  address: text,
  zipcode: text,
  city: text,
  country: text,
  email: text,
  phone: text,
  notes: text,
});
export type WireClient = z.output<typeof WireClient>;

const WireLine = z.object({ amount: numeric, description: text, tax_rate: numeric, price: cents });

export const WireInvoice = z.object({
  invoicenr: z.union([z.string().min(1), z.number()]).transform(String),
  clientnr: numeric,
  invoicenote: text,
  lines: z
    .union([z.array(WireLine), z.record(z.string(), WireLine)])
    .transform((lines) => (Array.isArray(lines) ? lines : Object.values(lines))),
  totalexcltax: cents.optional(),
  tax: cents,
  totalintax: cents,
  open: cents,
  paiddate: text,
  sent: text,
  duedate: text,
});
export type WireInvoice = z.output<typeof WireInvoice>;

/** A single record, whether or not the API wrapped it in its root element. */
export const unwrap = (body: unknown, root: string): unknown =>
  typeof body === 'object' && body !== null && !Array.isArray(body) && root in body ? (body as Record<string, unknown>)[root] : body;

// Our id travels in a free-text field the institute rarely edits: a line `homi-ref:<id>` (ADR 13).
const MARKER = /(?:^|\n)homi-ref:([A-Za-z0-9_-]{1,64})[ \t]*(?=\n|$)/;
export const REFERENCE = /^[A-Za-z0-9_-]{1,64}$/;
export const referenceMarker = (reference: string) => `homi-ref:${reference}`;
export const referenceIn = (text: string): string | undefined => MARKER.exec(text)?.[1];
