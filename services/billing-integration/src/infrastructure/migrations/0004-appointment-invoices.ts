import { Migration } from '@mikro-orm/migrations';

/**
 * An invoice may name the appointment it invoices (ADR 55). One appointment has at most one invoice
 * that is not failed: the unique index decides between two requests at once (the loser's insert waits
 * for the winner's commit, then fails with 23505 on this index, which the use case answers as 409).
 * A failed invoice was never made at the provider, so it frees the appointment for a new attempt.
 */
export class Migration0004AppointmentInvoices extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table invoices add column appointment_id text;`);
    this.addSql(`
      create unique index invoices_one_per_appointment on invoices (tenant_id, appointment_id)
        where appointment_id is not null and status <> 'failed';`);
  }
}
