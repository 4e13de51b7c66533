import type { Deps } from './deps';

const BATCH = 500;

/**
 * Deletes restricted invoice copies (clients erased) whose fiscal retention has ended, and the
 * mappings of erased clients no invoice refers to any more. Idempotent, and safe on several
 * replicas at once (`skip locked`). Returns how many invoices it deleted.
 */
export async function purgeRestrictedInvoices(deps: Deps): Promise<number> {
  const today = deps.clock().toISOString().slice(0, 10);
  let total = 0;
  for (;;) {
    const deleted = await deps.scope.acrossTenants((em) =>
      em.execute<{ id: string }[]>(
        `delete from invoices where id in (
           select id from invoices where restricted_at is not null and retain_until < ? limit ${BATCH} for update skip locked)
         returning id`,
        [today],
      ),
    );
    total += deleted.length;
    if (deleted.length < BATCH) break;
  }
  await deps.scope.acrossTenants((em) =>
    em.execute(
      `delete from client_mappings m where m.status in ('deleted', 'blanked')
         and not exists (select 1 from invoices i where i.tenant_id = m.tenant_id and i.client_id = m.client_id)`,
    ),
  );
  return total;
}
