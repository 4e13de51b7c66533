import { Migration } from '@mikro-orm/migrations';

/** Creates the outbox and inbox tables; kept in step with OutboxMessageSchema and InboxMessageSchema. */
export const MESSAGING_TABLES_SQL = `
create table if not exists "outbox" (
  "id" text not null,
  "subject" text not null,
  "payload" jsonb not null,
  "headers" jsonb not null,
  "created_at" timestamptz not null,
  "published_at" timestamptz null,
  "attempts" int not null default 0,
  constraint "outbox_pkey" primary key ("id")
);
create index if not exists "outbox_unpublished_idx" on "outbox" ("created_at", "id") where "published_at" is null;
create index if not exists "outbox_published_at_idx" on "outbox" ("published_at") where "published_at" is not null;
create table if not exists "inbox" (
  "consumer" text not null,
  "message_id" text not null,
  "subject" text not null,
  "received_at" timestamptz not null,
  constraint "inbox_pkey" primary key ("consumer", "message_id")
);
create index if not exists "inbox_received_at_idx" on "inbox" ("received_at");
`;

export const DROP_MESSAGING_TABLES_SQL = 'drop table if exists "inbox"; drop table if exists "outbox";';

/** The outbox and inbox tables, for a service's `migrations.migrationsList`. */
export class MessagingTablesMigration extends Migration {
  override up(): void {
    this.addSql(MESSAGING_TABLES_SQL);
  }

  override down(): void {
    this.addSql(DROP_MESSAGING_TABLES_SQL);
  }
}

/** The entry a service puts first in its `migrationsList`. */
export const messagingMigration = {
  name: 'Migration00000000000000_messaging_tables',
  class: MessagingTablesMigration,
} as const;
