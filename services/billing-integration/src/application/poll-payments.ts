import { InvoicePaid } from '@homi/contracts';
import { isAppError, type Logger } from '@homi/service-kit';
import { accountOf } from './account';
import type { Deps } from './deps';
import type { ClaimedInvoice } from './ports';

type Due = ClaimedInvoice & { providerInvoiceNumber: string };

/**
 * Asks the provider about unpaid invoices whose check is due (it has no webhooks) and records
 * payments. The claim moves each row's next check forward in one short transaction with `skip
 * locked`, so replicas share the work without asking twice; the provider is called outside any
 * transaction. A failed check simply waits for the next round. Returns how many were checked.
 */
export async function pollPayments(deps: Deps, logger: Logger, batch = 20): Promise<number> {
  const now = deps.clock();
  const due = await deps.uow.acrossTenants('claiming unpaid invoices of any tenant whose payment check is due', ({ invoices }) =>
    invoices.claimPollable(now, new Date(now.getTime() + deps.timing.pollEveryMs), batch),
  );
  for (const row of due) {
    await checkOne(deps, row).catch((err: unknown) => {
      if (!isAppError(err)) logger.error({ err, invoiceId: row.id }, 'payment check failed');
    });
  }
  return due.length;
}

async function checkOne(deps: Deps, { id, tenantId, providerInvoiceNumber: number }: Due): Promise<void> {
  const connection = await deps.uow.forTenant(tenantId, ({ connections }) => connections.get(tenantId));
  if (!connection || connection.status !== 'connected') return;
  const remote = await deps.provider.getInvoice(accountOf(deps, connection), number);
  if (!remote) return;
  await deps.uow.forTenant(tenantId, async ({ invoices, events }) => {
    const invoice = await invoices.get(tenantId, id);
    if (!invoice || invoice.paid || invoice.restrictedAt) return;
    const now = deps.clock();
    Object.assign(invoice, { openCents: remote.openCents, paid: remote.paid, paidDate: remote.paidDate ?? null, updatedAt: now });
    if (remote.paid) events.publish(InvoicePaid, { tenantId, invoiceId: id, occurredAt: now.toISOString() });
  });
}
