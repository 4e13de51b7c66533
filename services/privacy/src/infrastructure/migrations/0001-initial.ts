import { Migration } from '@mikro-orm/migrations';

/**
 * Requests, their per-owner tasks, the owner registry, notifications, export parts stored as
 * chunks of at most 256 kB, and the append-only, hash-chained audit trail.
 */
export class Migration0001Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table owners (
        owner text primary key,
        version text not null,
        declaration jsonb not null,
        first_seen_at timestamptz not null,
        last_announced_at timestamptz not null
      );`);
    this.addSql(`
      create table requests (
        id text primary key,
        parent_id text references requests (id),
        type text not null check (type in ('access', 'erasure', 'rectification')),
        subject jsonb not null,
        requester jsonb not null,
        status text not null check (status in ('received', 'in_progress', 'completed')),
        received_at timestamptz not null,
        due_at timestamptz not null,
        extension jsonb,
        completed_at timestamptz,
        export_expires_at timestamptz,
        corrections jsonb,
        commands int not null default 0,
        reminded_at timestamptz,
        escalated_at timestamptz,
        check ((status = 'completed') = (completed_at is not null))
      );`);
    this.addSql(`create index requests_requester_idx on requests ((requester ->> 'userId'), received_at desc, id);`);
    this.addSql(`create index requests_open_due_idx on requests (due_at) where status <> 'completed';`);
    this.addSql(`create index requests_export_expiry_idx on requests (export_expires_at) where export_expires_at is not null;`);
    this.addSql(`create index requests_parent_idx on requests (parent_id) where parent_id is not null;`);
    this.addSql(`
      create table request_tasks (
        request_id text not null references requests (id),
        owner text not null,
        status text not null check (status in ('pending', 'completed', 'failed')),
        attempts int not null,
        last_commanded_at timestamptz not null,
        next_command_at timestamptz,
        results jsonb not null default '[]',
        export_bytes bigint,
        error text,
        answered_at timestamptz,
        primary key (request_id, owner)
      );`);
    this.addSql(`create index request_tasks_due_idx on request_tasks (next_command_at) where status <> 'completed';`);
    this.addSql(`
      create table notifications (
        id text primary key,
        user_id text not null,
        kind text not null,
        request_id text not null references requests (id),
        data jsonb not null,
        created_at timestamptz not null,
        delivered_at timestamptz
      );`);
    this.addSql(`create index notifications_undelivered_idx on notifications (created_at) where delivered_at is null;`);
    this.addSql(`
      create table export_uploads (
        id text primary key,
        request_id text not null,
        owner text not null,
        started_at timestamptz not null,
        completed_at timestamptz,
        bytes bigint not null default 0,
        records int not null default 0,
        categories jsonb not null default '[]',
        foreign key (request_id, owner) references request_tasks (request_id, owner)
      );`);
    // At most one finished upload per part: a new one replaces it in the transaction that finishes it.
    this.addSql(`create unique index export_uploads_current_idx on export_uploads (request_id, owner) where completed_at is not null;`);
    this.addSql(`create index export_uploads_unfinished_idx on export_uploads (started_at) where completed_at is null;`);
    this.addSql(`
      create table export_chunks (
        upload_id text not null references export_uploads (id) on delete cascade,
        category text not null,
        seq int not null,
        data bytea not null check (length(data) <= 262144),
        primary key (upload_id, category, seq)
      );`);
    this.addSql(`
      create table audit_events (
        request_id text not null references requests (id),
        seq int not null check (seq >= 1),
        at timestamptz not null,
        actor text not null,
        action text not null,
        details jsonb not null,
        prev_hash text not null,
        hash text not null,
        primary key (request_id, seq)
      );`);
    this.addSql(`
      create function audit_events_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_events is append-only' using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`
      create trigger audit_events_no_update_delete before update or delete on audit_events
        for each row execute function audit_events_append_only();`);
    this.addSql(`
      create trigger audit_events_no_truncate before truncate on audit_events
        for each statement execute function audit_events_append_only();`);
  }
}
