import { z } from 'zod';
import { defineContract, isoDateTime, prefixedId, STREAM_MAX_AGE_MS, tenantId } from './contract';
import { namespacedStream } from './nats-namespace';

// billing-integration's events. Thin, like every HOMi event: ids and time, never the client's
// details, the invoice lines or anything about the provider account.

export const invoiceId = prefixedId('inv');

const invoiceEvent = z.strictObject({ tenantId, invoiceId, occurredAt: isoDateTime });
const connectionEvent = z.strictObject({ tenantId, provider: z.literal('factuursturen'), occurredAt: isoDateTime });

/** The provider made the invoice and we hold its number. */
export const InvoiceCreated = defineContract('billing.invoice.created.v1', 1, invoiceEvent);
/** The provider refused the invoice for good (its data, or the client is gone); the tenant sees why. */
export const InvoiceFailed = defineContract('billing.invoice.failed.v1', 1, invoiceEvent);
/** The poller saw the invoice paid in full at the provider. */
export const InvoicePaid = defineContract('billing.invoice.paid.v1', 1, invoiceEvent);
/** A tenant connected (or re-connected) its invoicing account. */
export const InvoicingConnected = defineContract('billing.connection.connected.v1', 1, connectionEvent);
/** A tenant disconnected its invoicing account; its credentials are destroyed. */
export const InvoicingDisconnected = defineContract('billing.connection.disconnected.v1', 1, connectionEvent);

export type InvoiceCreated = z.infer<typeof InvoiceCreated.schema>;
export type InvoiceFailed = z.infer<typeof InvoiceFailed.schema>;
export type InvoicePaid = z.infer<typeof InvoicePaid.schema>;
export type InvoicingConnected = z.infer<typeof InvoicingConnected.schema>;
export type InvoicingDisconnected = z.infer<typeof InvoicingDisconnected.schema>;

/**
 * The stream that retains billing-integration's events, for as long as the platform's other streams:
 * consumers' inbox rows may be forgotten once it can no longer redeliver (ADR 20).
 */
export const BILLING_STREAM = namespacedStream({ name: 'BILLING', subjects: ['billing.>'], maxAgeMs: STREAM_MAX_AGE_MS });
