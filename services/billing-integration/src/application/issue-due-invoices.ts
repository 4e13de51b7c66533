import type { Logger } from '@homi/service-kit';
import { Invoice } from '../domain/invoice';
import { enterTenant } from '../infrastructure/tenant-scope';
import type { Deps } from './deps';
import { issueInvoice, retryDelay } from './issue-invoice';

type Claimed = { id: string; tenant_id: string };

/**
 * Works through pending invoices whose next attempt is due, one transaction each. The claim locks
 * the row (`for update skip locked`), so replicas never work on one invoice at once, and a worker
 * that dies mid-way releases it with its transaction: the next one reconciles by reference.
 * Returns how many invoices it attempted.
 */
export async function issueDueInvoices(deps: Deps, logger: Logger, max = 50): Promise<number> {
  let done = 0;
  while (done < max) {
    let claimed: Claimed | undefined;
    try {
      const worked = await deps.scope.acrossTenants(async (em) => {
        [claimed] = await em.execute<Claimed[]>(
          `select id, tenant_id from invoices where status = 'pending' and restricted_at is null and next_attempt_at <= ?
           order by next_attempt_at, id limit 1 for update skip locked`,
          [deps.clock()],
        );
        if (!claimed) return false;
        await enterTenant(em, claimed.tenant_id);
        const invoice = await em.findOneOrFail(Invoice, { tenantId: claimed.tenant_id, id: claimed.id });
        await issueInvoice(em, deps, invoice);
        return true;
      });
      if (!worked) return done;
    } catch (err) {
      if (!claimed) throw err;
      // Rolled back: put the invoice off so one broken row cannot hold the worker in a loop.
      logger.error({ err, invoiceId: claimed.id }, 'invoice attempt failed unexpectedly; retried later');
      const { id, tenant_id: tenantId } = claimed;
      await deps.scope.run(tenantId, (em) =>
        em.nativeUpdate(Invoice, { tenantId, id }, { lastError: 'internal-error', nextAttemptAt: new Date(deps.clock().getTime() + retryDelay(deps, 3)) }),
      ).catch((e: unknown) => logger.error({ err: e, invoiceId: id }, 'could not put the invoice off'));
    }
    done += 1;
  }
  return done;
}
