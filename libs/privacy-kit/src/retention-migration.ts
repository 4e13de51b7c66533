import { Migration } from '@mikro-orm/migrations';

/**
 * Per category of the owner: the lock a replica takes for one purge batch, the records purged but
 * not yet reported (they are reported with the run's last batch, or by the next run after a crash),
 * and when the last report went out.
 */
export const RETENTION_TABLES_SQL = `
create table if not exists "retention_state" (
  "owner" text not null,
  "category" text not null,
  "pending_records" int not null default 0,
  "pending_cutoff" timestamptz null,
  "last_run_at" timestamptz null,
  "last_purge_at" timestamptz null,
  constraint "retention_state_pkey" primary key ("owner", "category")
);
`;

export class RetentionTablesMigration extends Migration {
  override up(): void {
    this.addSql(RETENTION_TABLES_SQL);
  }

  override down(): void {
    this.addSql('drop table if exists "retention_state";');
  }
}

/** The entry a service puts right after `messagingMigration` in its migrations list. */
export const retentionMigration = {
  name: 'Migration00000000000001_retention_state',
  class: RetentionTablesMigration,
} as const;
