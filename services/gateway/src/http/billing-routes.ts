import { billingApi as api } from '@homi/contracts';
import { needs, roles, type AccessRule } from '../domain/access';
import { prefixedId } from './path-ids';
import type { ApiRoute, Audience } from './api-route';

const TENANT = '/tenants/:tenantId';
const INTEGRATION = `${TENANT}/integrations/factuursturen`;
const INVOICE_ID = { invoiceId: prefixedId('inv', 'Invoice', 'invoiceId') };
const tenant = (access: AccessRule): Audience => ({ kind: 'tenant', access });
// The connection holds the institute's credentials and its decision to share client data with a third
// party: the owner's decision as the controller's, as billing-integration checks; never a support user's.
const integration: Audience = { kind: 'tenant', access: roles('owner'), support: 'never' };
const common = { upstream: 'billing-integration', ids: {} } as const;

/** The FactuurSturen connection and the invoices made through it: billing-integration's routes. */
export const BILLING_ROUTES: readonly ApiRoute[] = [
  {
    ...common, operationId: 'getFactuurSturenConnection', method: 'get', path: INTEGRATION, tag: 'Invoicing',
    summary: 'The FactuurSturen connection (never the API key)',
    audience: { kind: 'tenant', access: needs('invoicing', 'view'), support: 'never' },
    success: { status: 200, description: 'The connection, its consent to share client data and its status.', schema: api.FactuurSturenConnection },
  },
  {
    ...common, operationId: 'connectFactuurSturen', method: 'put', path: INTEGRATION, tag: 'Invoicing',
    summary: 'Connect (or reconnect) the FactuurSturen account', audience: integration, body: api.ConnectFactuurSturen, audit: true,
    notes: 'The API key is stored encrypted and never answered. `shareClientData: true` records the consent to share client data: ' +
      'connecting, like disconnecting, is the owner\'s decision (403 `role-required`).',
    success: { status: 200, description: 'The connection.', schema: api.FactuurSturenConnection },
  },
  {
    ...common, operationId: 'disconnectFactuurSturen', method: 'delete', path: INTEGRATION, tag: 'Invoicing',
    summary: 'Disconnect the FactuurSturen account', audience: integration, audit: true,
    success: { status: 204, description: 'Disconnected; the stored credentials are deleted.' },
  },
  {
    ...common, operationId: 'listInvoices', method: 'get', path: `${TENANT}/invoices`, tag: 'Invoicing',
    summary: 'Invoices made through the provider', audience: tenant(needs('invoicing', 'view')), query: api.ListInvoicesQuery,
    success: { status: 200, description: 'One page of invoices, newest first.', schema: api.InvoicePage },
  },
  {
    ...common, operationId: 'createInvoice', method: 'post', path: `${TENANT}/invoices`, tag: 'Invoicing',
    summary: 'Invoice a client, or an appointment, through FactuurSturen', audience: tenant(needs('invoicing', 'edit', { module: 'clients', level: 'view' })),
    body: api.CreateInvoiceRequest,
    errors: { 409: 'InvoiceConflict', 422: 'AppointmentNotInvoiceable' },
    notes: 'Accepted at once and created at the provider in the background; follow `Location` for its status. ' +
      'It sends the client\'s details to the provider, so it also needs clients:view. ' +
      'Either `clientId` with `lines`, or `appointmentId` alone: then the appointment\'s client is invoiced and the line is its treatment ' +
      '(name and day) at the treatment\'s price including VAT and its VAT rate, split into cents excluding VAT as FactuurSturen takes them, ' +
      'with a rounding line of one or two cents where no amount excluding VAT adds up to the price; the invoice names the `appointmentId`. ' +
      'An appointment needs agenda:view as well (403 `module-permission-required`), is 404 when the institute does not hold it, and has at most ' +
      'one invoice that is not failed.',
    success: { status: 202, description: 'The invoice, pending; `Location` names it.', schema: api.Invoice, location: true },
  },
  {
    ...common, operationId: 'getInvoice', method: 'get', path: `${TENANT}/invoices/:invoiceId`, ids: INVOICE_ID, tag: 'Invoicing',
    summary: 'One invoice', audience: tenant(needs('invoicing', 'view')),
    success: { status: 200, description: 'The invoice; a restricted one (client erased, kept for the tax authority) without lines.', schema: api.Invoice },
  },
];
