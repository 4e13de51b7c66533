import { z } from 'zod';
import { prefixedId } from '../contract';
import { isoDate, isoDateTime, pageLimit, cursor, requiredText } from './common';

// Request and response shapes of billing-integration's public routes. The service validates with
// them and the gateway publishes them in the OpenAPI document.

/** The client fields that go to FactuurSturen when the institute switches sharing on. */
export const SHARED_CLIENT_FIELDS = ['name', 'email', 'phone', 'address'] as const;

export const ConnectFactuurSturen = z.strictObject({
  username: requiredText(200),
  /** FactuurSturen's API key; stored encrypted, never answered or logged. */
  apiKey: z.string().trim().min(8, 'must be at least 8 characters').max(200).regex(/^[\x21-\x7e]+$/, 'must be printable characters without spaces'),
  shareClientData: z.boolean(),
});

export const Consent = z.object({
  givenBy: z.string(),
  givenAt: isoDateTime,
  /** Which client fields are shared with the provider under this consent. */
  scope: z.array(z.string()),
});

export const FactuurSturenConnection = z.object({
  provider: z.literal('factuursturen'),
  username: z.string(),
  shareClientData: z.boolean(),
  consent: Consent.nullable(),
  connectedAt: isoDateTime,
  /** `rejected`: the provider refused the stored credentials at their last use; connect again. */
  status: z.enum(['connected', 'rejected']),
});

export const TaxRate = z.union([z.literal(0), z.literal(9), z.literal(21)], { error: 'must be 0, 9 or 21 (percent)' });

export const InvoiceLine = z.strictObject({
  description: requiredText(500),
  quantity: z.number().positive().max(100_000).multipleOf(0.01),
  /** Excluding tax, in euro cents; negative for a discount line. */
  unitPriceCents: z.number().int().min(-10_000_000).max(10_000_000),
  taxRate: TaxRate,
});

export const CreateInvoice = z.strictObject({
  clientId: prefixedId('cli', 'must be a client id'),
  lines: z.array(InvoiceLine).min(1, 'needs at least one line').max(100),
  /** true: FactuurSturen e-mails the invoice to the client (who then needs an e-mail address). */
  sendByEmail: z.boolean().default(false),
});

const appointmentId = prefixedId('apt', 'must be an appointment id');

/**
 * Invoice one appointment (ADR 55): billing-integration takes its client, and the line from its treatment's price
 * (VAT included) and VAT rate, from tenant-data. Nothing about the amount comes from the caller.
 */
export const CreateInvoiceFromAppointment = z.strictObject({
  appointmentId,
  sendByEmail: z.boolean().default(false),
});

/** The body of `POST …/invoices`: a client with lines typed by the caller, or an appointment. */
export const CreateInvoiceRequest = z.union([CreateInvoice, CreateInvoiceFromAppointment]);

export const InvoiceStatus = z.enum(['pending', 'created', 'failed']);

export const InvoiceTotals = z.object({ exclTaxCents: z.number().int(), taxCents: z.number().int(), inclTaxCents: z.number().int() });

export const Invoice = z.object({
  id: z.string(),
  /** null on a restricted invoice: its client was erased and the copy is kept for the tax authority only. */
  clientId: z.string().nullable(),
  /** The appointment it invoices, when made from one (ADR 55); null otherwise, and on a restricted invoice. */
  appointmentId: z.string().nullable(),
  status: InvoiceStatus,
  providerInvoiceNumber: z.string().nullable(),
  invoiceDate: isoDate.nullable(),
  /** Empty on a restricted invoice. */
  lines: z.array(InvoiceLine),
  sendByEmail: z.boolean(),
  totals: InvoiceTotals,
  paid: z.boolean(),
  paidDate: isoDate.nullable(),
  /** Why the last attempt failed (a problem type such as `invoicing-provider-unavailable`); null once created. */
  lastError: z.string().nullable(),
  restricted: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const ListInvoicesQuery = z.strictObject({
  status: InvoiceStatus.optional(),
  clientId: prefixedId('cli', 'must be a client id').optional(),
  /** The invoices of one appointment: at most one that is not failed. */
  appointmentId: appointmentId.optional(),
  limit: pageLimit,
  cursor: cursor.optional(),
});

export const InvoicePage = z.object({ items: z.array(Invoice), nextCursor: z.string().nullable() });

/** Problem types a client can act on. */
export const BILLING_PROBLEMS = {
  notConnected: 'invoicing-not-connected',
  sharingOff: 'client-data-sharing-off',
  credentialsRejected: 'invoicing-credentials-rejected',
  /** 409: the appointment has an invoice (pending or created) already; `invoiceId` names it. */
  appointmentInvoiced: 'appointment-already-invoiced',
  /** 422: a free-text appointment, booked without a treatment from the list, has no price to invoice. */
  appointmentWithoutTreatment: 'appointment-without-treatment',
  /** 422: a cancelled appointment or a no-show is not invoiced; `appointmentStatus` names which. */
  appointmentNotInvoiceable: 'appointment-not-invoiceable',
} as const;

export type ConnectFactuurSturen = z.infer<typeof ConnectFactuurSturen>;
export type FactuurSturenConnection = z.infer<typeof FactuurSturenConnection>;
export type InvoiceLine = z.infer<typeof InvoiceLine>;
export type CreateInvoice = z.infer<typeof CreateInvoice>;
export type CreateInvoiceFromAppointment = z.infer<typeof CreateInvoiceFromAppointment>;
export type CreateInvoiceRequest = z.infer<typeof CreateInvoiceRequest>;
export type Invoice = z.infer<typeof Invoice>;
export type ListInvoicesQuery = z.infer<typeof ListInvoicesQuery>;
