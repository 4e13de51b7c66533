import { Migration } from '@mikro-orm/migrations';
import { forcedTenantIsolation } from '@homi/service-kit';
import { TENANT_ROLE } from './0001-initial';

/**
 * Reply notices (ADR 43): the mail each reply owes the other side, written in the reply's
 * transaction and sent after commit by the notice job, which leases a row while it sends. Ids only.
 * Tickets learn their opener's language for the mail.
 */
export class Migration0002ReplyNotices extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table tickets add column locale text not null default 'nl' check (locale in ('nl', 'en'));`);
    this.addSql(`
      create table reply_notices (
        id text primary key,
        tenant_id text not null,
        ticket_id text not null,
        recipient text not null check (recipient in ('member', 'support')),
        recipient_id text,
        attempts integer not null default 0,
        next_attempt_at timestamptz not null,
        lease_until timestamptz,
        sent_at timestamptz,
        gave_up_at timestamptz,
        created_at timestamptz not null,
        foreign key (tenant_id, ticket_id) references tickets (tenant_id, id) on delete cascade deferrable initially deferred
      );`);
    this.addSql(`create index reply_notices_due_idx on reply_notices (next_attempt_at) where sent_at is null and gave_up_at is null;`);
    this.addSql('create index reply_notices_recipient_idx on reply_notices (recipient_id) where recipient_id is not null;');
    for (const sql of forcedTenantIsolation('reply_notices', TENANT_ROLE)) this.addSql(sql);
    this.addSql(`grant select, insert, update, delete on reply_notices to ${TENANT_ROLE};`);
  }
}
