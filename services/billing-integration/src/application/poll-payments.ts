import { InvoicePaid } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import { isAppError, type Logger } from '@homi/service-kit';
import { Invoice } from '../domain/invoice';
import { accountOf, findConnection } from './account';
import type { Deps } from './deps';

type Due = { id: string; tenant_id: string; provider_invoice_number: string };

/**
 * Asks the provider about unpaid invoices whose check is due (it has no webhooks) and records
 * payments. The claim moves each row's next check forward in one short transaction with `skip
 * locked`, so replicas share the work without asking twice; the provider is called outside any
 * transaction. A failed check simply waits for the next round. Returns how many were checked.
 */
export async function pollPayments(deps: Deps, logger: Logger, batch = 20): Promise<number> {
  const now = deps.clock();
  const due = await deps.scope.acrossTenants((em) =>
    em.execute<Due[]>(
      `update invoices set poll_after = ? where id in (
         select id from invoices where status = 'created' and not paid and restricted_at is null and poll_after <= ?
         order by poll_after limit ${Math.max(1, Math.floor(batch))} for update skip locked)
       returning id, tenant_id, provider_invoice_number`,
      [new Date(now.getTime() + deps.timing.pollEveryMs), now],
    ),
  );
  for (const row of due) {
    await checkOne(deps, row).catch((err: unknown) => {
      if (!isAppError(err)) logger.error({ err, invoiceId: row.id }, 'payment check failed');
    });
  }
  return due.length;
}

async function checkOne(deps: Deps, { id, tenant_id: tenantId, provider_invoice_number: number }: Due): Promise<void> {
  const connection = await deps.scope.run(tenantId, (em) => findConnection(em, tenantId));
  if (!connection || connection.status !== 'connected') return;
  const remote = await deps.provider.getInvoice(accountOf(deps, connection), number);
  if (!remote) return;
  await deps.scope.run(tenantId, async (em) => {
    const invoice = await em.findOne(Invoice, { tenantId, id });
    if (!invoice || invoice.paid || invoice.restrictedAt) return;
    const now = deps.clock();
    Object.assign(invoice, { openCents: remote.openCents, paid: remote.paid, paidDate: remote.paidDate ?? null, updatedAt: now });
    if (remote.paid) enqueue(em, InvoicePaid, { tenantId, invoiceId: id, occurredAt: now.toISOString() });
  });
}
