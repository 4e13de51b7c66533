import { Migration } from '@mikro-orm/migrations';

/**
 * Notices to requesters are mailed (ADR 51): the notifications table becomes libs/mail's notice
 * queue (attempts, next attempt, lease, sent, given up). Notices written before, never delivered by
 * anything, are due at once.
 */
export class Migration0008MailedNotices extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index if exists notifications_undelivered_idx;`);
    this.addSql(`alter table notifications rename column delivered_at to sent_at;`);
    this.addSql(`
      alter table notifications
        add column attempts integer not null default 0,
        add column next_attempt_at timestamptz,
        add column lease_until timestamptz,
        add column gave_up_at timestamptz;`);
    this.addSql(`update notifications set next_attempt_at = created_at;`);
    this.addSql(`alter table notifications alter column next_attempt_at set not null;`);
    this.addSql(`create index notifications_due_idx on notifications (next_attempt_at, id) where sent_at is null and gave_up_at is null;`);
  }
}
