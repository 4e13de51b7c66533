import { Migration } from '@mikro-orm/migrations';

/**
 * What the retention jobs need: each client's retention start (last change, or the end of their
 * latest appointment, whichever is later), backfilled from the data, and indexes that let the jobs
 * find expired clients and appointments without scanning the tables.
 */
export class Migration0003Retention extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table clients add column if not exists last_activity_at timestamptz;');
    this.addSql(`
      update clients c set last_activity_at = greatest(c.updated_at, (select max(a.ends_at) from appointments a where a.tenant_id = c.tenant_id and a.client_id = c.id))
       where c.last_activity_at is null;`);
    this.addSql('alter table clients alter column last_activity_at set not null;');
    this.addSql('create index if not exists clients_last_activity_idx on clients (last_activity_at);');
    this.addSql('create index if not exists appointments_ends_at_idx on appointments (ends_at);');
    this.addSql('create index if not exists appointments_noted_ends_at_idx on appointments (ends_at) where notes is not null;');
  }
}
