import { billingApi, type tenantDataApi } from '@homi/contracts';
import { AppError } from '@homi/service-kit';
import type { InvoiceLine } from './invoice';

// An appointment invoiced from its treatment (ADR 55). A treatment's price includes VAT (ADR 46);
// FactuurSturen takes a unit price excluding VAT and adds the VAT of each line rounded to cents. So
// the price is split here into whole cents, such that what FactuurSturen adds up is the price again.

export type InvoiceableAppointment = tenantDataApi.InvoiceableAppointment;
type Treatment = NonNullable<InvoiceableAppointment['treatment']>;

// Bound once, as in invoice.ts: the unit test splits every price up to €10.000.
const { floor, round } = Math;
const { isInteger } = Number;

/** What an invoice line at `taxRate` percent adds as VAT: rounded to the cent, half up, per line (as invoiceTotals and FactuurSturen do). */
const vatOf = (exclCents: number, taxRate: number) => round((exclCents * taxRate) / 100);
/** Exactly half a cent of VAT: the one case where providers' rounding rules (half up, half even) disagree. */
const onHalfCent = (exclCents: number, taxRate: number) => (exclCents * taxRate) % 100 === 50;

/**
 * A price including VAT as whole cents excluding VAT, plus the few cents (0, 1 or 2) that no amount
 * excluding VAT reaches on its own: at 21 % no line total gives €45,03 (3721 cents → 4502, 3722 → 4504),
 * so 3721 and a rounding line of 1 cent, which carries no VAT at 9 or 21 %.
 * Never lands on half a cent of VAT, so the outcome does not depend on how the provider rounds halves.
 */
export function splitInclusivePrice(inclCents: number, taxRate: number): { exclCents: number; roundingCents: number } {
  if (!isInteger(inclCents) || inclCents < 0) throw new RangeError('a price is a whole number of cents, not negative');
  // Integer arithmetic: from just above the exact quotient down to the largest amount whose total with
  // VAT is not above the price, and past half cents.
  let excl = floor((inclCents * 100) / (100 + taxRate)) + 1;
  while (excl > 0 && (excl + vatOf(excl, taxRate) > inclCents || onHalfCent(excl, taxRate))) excl -= 1;
  return { exclCents: excl, roundingCents: inclCents - excl - vatOf(excl, taxRate) };
}

const DAY = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: '2-digit', month: '2-digit', year: 'numeric' });

/** The line text of the rounding line: invoices go to the institute's Dutch clients in Dutch. */
export const ROUNDING_LINE = 'Afronding';

/** The invoice lines of an appointment's treatment: its name and day (Amsterdam), one of it at its price and VAT rate; totals exactly its price. */
export function appointmentLines(treatment: Treatment, startsAt: Date): InvoiceLine[] {
  const { exclCents, roundingCents } = splitInclusivePrice(treatment.priceCents, treatment.taxRate);
  const lines: InvoiceLine[] = [{ description: `${treatment.name}, ${DAY.format(startsAt)}`, quantity: 1, unitPriceCents: exclCents, taxRate: treatment.taxRate }];
  if (roundingCents > 0) lines.push({ description: ROUNDING_LINE, quantity: 1, unitPriceCents: roundingCents, taxRate: treatment.taxRate });
  return lines;
}

/** The appointment's treatment, or 422: a free-text booking has no price; a cancelled one or a no-show is not invoiced. */
export function invoiceableTreatment(appointment: InvoiceableAppointment): Treatment {
  if (appointment.status !== 'booked' && appointment.status !== 'completed') {
    throw new AppError('unprocessable', `An appointment that is ${appointment.status} is not invoiced.`, {
      type: billingApi.BILLING_PROBLEMS.appointmentNotInvoiceable,
      members: { appointmentStatus: appointment.status },
    });
  }
  if (!appointment.treatment) {
    throw new AppError('unprocessable', 'The appointment was booked without a treatment from the list, so it has no price to invoice.', {
      type: billingApi.BILLING_PROBLEMS.appointmentWithoutTreatment,
    });
  }
  return appointment.treatment;
}

/** The 409 for an appointment invoiced already, naming that invoice. */
export function alreadyInvoiced(invoiceId: string | undefined): AppError {
  return new AppError('conflict', invoiceId ? `The appointment is invoiced already: ${invoiceId}.` : 'The appointment is invoiced already.', {
    type: billingApi.BILLING_PROBLEMS.appointmentInvoiced,
    members: invoiceId ? { invoiceId } : {},
  });
}
