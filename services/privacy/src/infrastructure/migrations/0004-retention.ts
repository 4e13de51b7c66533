import { Migration } from '@mikro-orm/migrations';

/**
 * Retention (ADR 20): what each owner's retention jobs reported, as an append-only hash chain per
 * owner plus the last purge per category for the data map; and the one way a request's audit chain
 * may now end: deleted whole, with its request, once the request is past its retention period.
 */
export class Migration0004Retention extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table retention_audit (
        owner text not null,
        seq int not null check (seq >= 1),
        at timestamptz not null,
        actor text not null,
        action text not null,
        details jsonb not null,
        prev_hash text not null,
        hash text not null,
        primary key (owner, seq)
      );`);
    this.addSql(`
      create function retention_audit_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'retention_audit is append-only' using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`
      create trigger retention_audit_no_update_delete before update or delete on retention_audit
        for each row execute function retention_audit_append_only();`);
    this.addSql(`
      create trigger retention_audit_no_truncate before truncate on retention_audit
        for each statement execute function retention_audit_append_only();`);
    this.addSql(`
      create table retention_purges (
        owner text not null,
        category text not null,
        last_purge_at timestamptz not null,
        last_cutoff timestamptz not null,
        records bigint not null check (records >= 0),
        primary key (owner, category)
      );`);
    // A request's trail may be deleted only by the retention job, which declares its cutoff in the
    // transaction (homi.retention_cutoff), and only for a request completed before that cutoff.
    this.addSql(`
      create or replace function audit_events_append_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and exists (
          select 1 from requests r
           where r.id = old.request_id and r.status = 'completed'
             and r.completed_at < nullif(current_setting('homi.retention_cutoff', true), '')::timestamptz) then
          return old;
        end if;
        raise exception 'audit_events is append-only' using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`create index if not exists requests_completed_idx on requests (completed_at) where status = 'completed';`);
  }
}
