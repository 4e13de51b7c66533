import type { Logger } from '@homi/service-kit';
import type { Deps } from './deps';
import { issueInvoice, retryDelay } from './issue-invoice';
import type { ClaimedInvoice } from './ports';

/**
 * Works through pending invoices whose next attempt is due, one transaction each. The claim locks
 * the row (`for update skip locked`), so replicas never work on one invoice at once, and a worker
 * that dies mid-way releases it with its transaction: the next one reconciles by reference.
 * Returns how many invoices it attempted.
 */
export async function issueDueInvoices(deps: Deps, logger: Logger, max = 50): Promise<number> {
  let done = 0;
  while (done < max) {
    let claimed: ClaimedInvoice | undefined;
    try {
      const worked = await deps.uow.acrossTenants('claiming the next due invoice of any tenant', async (repos) => {
        claimed = await repos.invoices.claimDue(deps.clock());
        if (!claimed) return false;
        await repos.tenancy.enter(claimed.tenantId);
        const invoice = await repos.invoices.get(claimed.tenantId, claimed.id);
        if (!invoice) throw new Error('claimed invoice vanished inside its own transaction');
        await issueInvoice(repos, deps, invoice);
        return true;
      });
      if (!worked) return done;
    } catch (err) {
      if (!claimed) throw err;
      // Rolled back: put the invoice off so one broken row cannot hold the worker in a loop.
      logger.error({ err, invoiceId: claimed.id }, 'invoice attempt failed unexpectedly; retried later');
      const { id, tenantId } = claimed;
      await deps.uow.forTenant(tenantId, ({ invoices }) =>
        invoices.putOff(tenantId, id, 'internal-error', new Date(deps.clock().getTime() + retryDelay(deps, 3))),
      ).catch((e: unknown) => logger.error({ err: e, invoiceId: id }, 'could not put the invoice off'));
    }
    done += 1;
  }
  return done;
}
