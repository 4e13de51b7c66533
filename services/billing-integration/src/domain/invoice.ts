import type { billingApi } from '@homi/contracts';

export type InvoiceStatus = 'pending' | 'created' | 'failed';
export type InvoiceLine = billingApi.InvoiceLine;

/** Years an invoice must be kept from its date (AWR art. 52: seven years). */
export const FISCAL_RETENTION_YEARS = 7;
export const FISCAL_RETENTION_REASON = 'fiscal retention, AWR art. 52';

export interface Totals {
  exclTaxCents: number;
  taxCents: number;
  inclTaxCents: number;
}

// Bound once: a unit test sums every price up to €10.000, and in jest's vm context each lookup of the
// global `Math` goes through the context's interceptor, many times the cost of the arithmetic.
const { round } = Math;

/** Totals as an invoice shows them: each line rounded to cents, tax per line, then summed. */
export function invoiceTotals(lines: readonly InvoiceLine[]): Totals {
  let excl = 0;
  let tax = 0;
  for (const line of lines) {
    const lineTotal = round(line.quantity * line.unitPriceCents);
    excl += lineTotal;
    tax += round((lineTotal * line.taxRate) / 100);
  }
  return { exclTaxCents: excl, taxCents: tax, inclTaxCents: excl + tax };
}

/** The last day a restricted copy of an invoice made on `invoiceDate` (YYYY-MM-DD) must be kept. */
export function retainedUntil(invoiceDate: string): string {
  const [y, m, d] = invoiceDate.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + FISCAL_RETENTION_YEARS, m - 1, d));
  // 29 February plus seven years rolls over to 1 March, which keeps it a day longer: never shorter.
  return end.toISOString().slice(0, 10);
}

/** Our copy of an invoice made (or being made) at the invoicing provider for one of the institute's clients. */
export class Invoice {
  status: InvoiceStatus = 'pending';
  /** The appointment it invoices, when made from one (ADR 55): at most one invoice per appointment is not failed. */
  appointmentId: string | null = null;
  providerInvoiceNumber: string | null = null;
  invoiceDate: string | null = null;
  paid = false;
  openCents: number | null = null;
  paidDate: string | null = null;
  attempts = 0;
  nextAttemptAt: Date;
  lastError: string | null = null;
  pollAfter: Date | null = null;
  /** Set when the client was erased: the copy is kept for the tax authority only, until `retainUntil`. */
  restrictedAt: Date | null = null;
  retainUntil: string | null = null;
  exclTaxCents: number;
  taxCents: number;
  inclTaxCents: number;
  createdAt: Date;
  updatedAt: Date;

  constructor(
    readonly id: string,
    readonly tenantId: string,
    readonly clientId: string,
    readonly lines: InvoiceLine[],
    readonly sendByEmail: boolean,
    readonly createdBy: string,
    now: Date,
  ) {
    const totals = invoiceTotals(lines);
    this.exclTaxCents = totals.exclTaxCents;
    this.taxCents = totals.taxCents;
    this.inclTaxCents = totals.inclTaxCents;
    this.nextAttemptAt = now;
    this.createdAt = now;
    this.updatedAt = now;
  }
}
