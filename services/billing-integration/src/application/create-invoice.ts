import { AppError } from '@homi/service-kit';
import { billingApi } from '@homi/contracts';
import { Invoice } from '../domain/invoice';
import type { Deps } from './deps';
import type { Repositories } from './ports';

/** 409 unless the tenant has connected an account and consents to share client data with it. */
export async function assertReadyToInvoice(connections: Repositories['connections'], tenantId: string): Promise<void> {
  const connection = await connections.get(tenantId);
  if (!connection) throw new AppError('conflict', 'Connect a FactuurSturen account before invoicing', { type: billingApi.BILLING_PROBLEMS.notConnected });
  if (!connection.shareClientData) {
    throw new AppError('conflict', "Invoicing sends the client's details to FactuurSturen: switch client-data sharing on first", { type: billingApi.BILLING_PROBLEMS.sharingOff });
  }
}

/**
 * Records an invoice to be made at the provider and hands it to the worker: answered at once as
 * `pending`; the worker makes it exactly once (ADR 13, ADR 18). Refused, storing nothing, without a
 * connection, without consent to share client data, or for a client the tenant does not have.
 */
export async function createInvoice(deps: Deps, tenantId: string, userId: string, input: billingApi.CreateInvoice): Promise<Invoice> {
  const invoice = await deps.uow.forTenant(tenantId, async ({ connections, invoices }) => {
    await assertReadyToInvoice(connections, tenantId);
    // The client must be this tenant's: tenant-data answers only within the tenant.
    if (!(await deps.clients.get(tenantId, input.clientId))) {
      throw new AppError('invalid', 'The request body is not valid.', { errors: [{ path: 'clientId', message: 'no such client' }] });
    }
    const created = new Invoice(deps.newId('inv'), tenantId, input.clientId, input.lines, input.sendByEmail, userId, deps.clock());
    invoices.add(created);
    return created;
  });
  deps.kickIssuer();
  return invoice;
}

