import { Migration } from '@mikro-orm/migrations';

/**
 * The retention job finds invoice copies by the day their seven years started (the invoice date,
 * or the creation day of one never made), restricted or not; this index lets it do so without
 * scanning every tenant's invoices. The expression must match the job's query exactly.
 */
export class Migration0002Retention extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index if not exists invoices_retention_start_idx on invoices ((coalesce(invoice_date, (created_at at time zone 'UTC')::date)));`);
    this.addSql('drop index if exists invoices_restricted_idx;');
  }
}
