import type { billingApi } from '@homi/contracts';
import type { ConnectionView } from '../application/get-connection';
import type { Invoice } from '../domain/invoice';

/** The connection as the tenant sees it: never the API key, sealed or not. */
export function presentConnection({ connection, consent }: ConnectionView): billingApi.FactuurSturenConnection {
  return {
    provider: 'factuursturen',
    username: connection.username,
    shareClientData: connection.shareClientData,
    consent: consent ? { givenBy: consent.actor, givenAt: consent.at.toISOString(), scope: consent.scope } : null,
    connectedAt: connection.connectedAt.toISOString(),
    status: connection.status,
  };
}

/**
 * An invoice. A restricted copy (its client was erased; kept for the tax authority until its
 * retention ends) shows only what identifies the fiscal record: no client, no lines.
 */
export function presentInvoice(invoice: Invoice): billingApi.Invoice {
  const restricted = invoice.restrictedAt !== null;
  return {
    id: invoice.id,
    clientId: restricted ? null : invoice.clientId,
    appointmentId: restricted ? null : invoice.appointmentId,
    status: invoice.status,
    providerInvoiceNumber: invoice.providerInvoiceNumber,
    invoiceDate: invoice.invoiceDate,
    lines: restricted ? [] : invoice.lines,
    sendByEmail: invoice.sendByEmail,
    totals: { exclTaxCents: invoice.exclTaxCents, taxCents: invoice.taxCents, inclTaxCents: invoice.inclTaxCents },
    paid: invoice.paid,
    paidDate: invoice.paidDate,
    lastError: invoice.lastError,
    restricted,
    createdAt: invoice.createdAt.toISOString(),
    updatedAt: invoice.updatedAt.toISOString(),
  };
}
