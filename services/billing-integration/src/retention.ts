import { erasedByStatement, type RetentionPolicy } from '@homi/privacy-kit';

// The purge jobs behind privacy.ts's declared periods, across all tenants: each batch opens its
// transaction to every tenant's rows (ADR 19: forced row-level security admits `app.all_tenants`),
// locks only the rows it takes (`for update skip locked`) and counts only rows it changed itself.
// Invoices go first, so a mapping whose last invoice copy went in this run goes in the same run.

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Deletes invoice copies, restricted or not, whose invoice date (for one never made: its creation
 * day) lies seven years back: the end of the fiscal retention (AWR art. 52). A restricted copy also
 * waits for the `retain_until` its erasure reported, so it never goes a day earlier than promised.
 */
const invoices = erasedByStatement('invoices', ({ cutoff, batchSize, now }) => ({
  sql: `delete from invoices where id in (
          select id from invoices
           where coalesce(invoice_date, (created_at at time zone 'UTC')::date) < ?::date
             and (retain_until is null or retain_until < ?::date)
           limit ${batchSize} for update skip locked)
        returning id`,
  params: [isoDay(cutoff), isoDay(now)],
}));

/** Deletes the mappings of clients removed at the institute once no invoice copy refers to them. */
const clientMappings = erasedByStatement('client-mapping', ({ cutoff, batchSize }) => ({
  sql: `delete from client_mappings where (tenant_id, client_id) in (
          select m.tenant_id, m.client_id from client_mappings m
           where m.status in ('deleted', 'blanked') and m.updated_at <= ?
             and not exists (select 1 from invoices i where i.tenant_id = m.tenant_id and i.client_id = m.client_id)
           limit ${batchSize} for update of m skip locked)
        returning client_id`,
  params: [cutoff],
}));

export const retentionPolicies: readonly RetentionPolicy[] = [invoices, clientMappings];
