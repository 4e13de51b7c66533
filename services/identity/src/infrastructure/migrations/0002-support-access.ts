import { Migration } from '@mikro-orm/migrations';
import { TENANT_ROLE } from './0001-initial';

const TENANT = `current_setting('app.tenant_id', true)`;

/**
 * Support access requests (and the grants they become), the owners to notify of each, and every
 * tenant's append-only, hash-chained audit log (ADR 14, 15). Row-level security as for memberships: the
 * tenant routes run as TENANT_ROLE; support-side and system work (the expiry job, the audit
 * consumer, the KV projection) runs as the service's own role and names the tenant itself.
 */
export class Migration0002SupportAccess extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table support_access_requests (
        id text primary key,
        tenant_id text not null,
        support_user_id text not null,
        reason text not null check (reason in ('customer_initiated', 'incident', 'legal_request')),
        ticket text not null check (char_length(ticket) between 1 and 100),
        modules jsonb not null,
        mode text not null check (mode in ('read', 'write')),
        duration_minutes int not null check (duration_minutes between 1 and 1440),
        status text not null check (status in ('awaiting_co_approval', 'pending', 'active', 'denied', 'revoked', 'expired', 'ended')),
        co_approved_by text,
        co_approved_at timestamptz,
        decided_by text,
        decided_at timestamptz,
        granted_modules jsonb,
        granted_mode text check (granted_mode in ('read', 'write')),
        granted_minutes int check (granted_minutes between 1 and 1440),
        starts_at timestamptz,
        expires_at timestamptz,
        ended_at timestamptz,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        check (status <> 'active' or (starts_at is not null and expires_at is not null and granted_modules is not null)),
        check (granted_mode is distinct from 'write' or co_approved_by is not null),
        check (co_approved_by is null or co_approved_by <> support_user_id)
      );`);
    this.addSql(`create index support_access_requests_tenant_idx on support_access_requests (tenant_id, created_at desc, id desc);`);
    this.addSql(`create index support_access_requests_user_idx on support_access_requests (support_user_id, created_at desc, id desc);`);
    this.addSql(`create index support_access_requests_open_idx on support_access_requests (created_at) where status in ('awaiting_co_approval', 'pending');`);
    this.addSql(`create index support_access_requests_active_idx on support_access_requests (expires_at) where status = 'active';`);
    this.addSql(`
      create table support_access_notifications (
        id text primary key,
        request_id text not null references support_access_requests (id) on delete cascade,
        tenant_id text not null,
        recipient_user_id text not null,
        created_at timestamptz not null,
        sent_at timestamptz,
        unique (request_id, recipient_user_id)
      );`);
    this.auditLog();
    this.rowLevelSecurity();
  }

  private auditLog(): void {
    this.addSql(`
      create table tenant_audit_log (
        tenant_id text not null,
        seq bigint not null check (seq >= 1),
        occurred_at timestamptz not null,
        actor_kind text not null check (actor_kind in ('member', 'support', 'system')),
        actor_user_id text,
        action text not null,
        details jsonb not null,
        source_event_id text,
        prev_hash text not null,
        hash text not null,
        primary key (tenant_id, seq),
        check ((actor_kind = 'system') = (actor_user_id is null))
      );`);
    // A gateway event recorded twice (a redelivery past the inbox, a republish) is one row.
    this.addSql(`create unique index tenant_audit_log_event_key on tenant_audit_log (tenant_id, source_event_id) where source_event_id is not null;`);
    this.addSql(`create index tenant_audit_log_actor_idx on tenant_audit_log (actor_user_id) where actor_user_id is not null;`);
    this.addSql(`
      create function tenant_audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'tenant_audit_log is append-only' using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`
      create trigger tenant_audit_log_no_update_delete before update or delete on tenant_audit_log
        for each row execute function tenant_audit_log_append_only();`);
    this.addSql(`
      create trigger tenant_audit_log_no_truncate before truncate on tenant_audit_log
        for each statement execute function tenant_audit_log_append_only();`);
  }

  private rowLevelSecurity(): void {
    for (const table of ['support_access_requests', 'support_access_notifications', 'tenant_audit_log']) {
      this.addSql(`alter table ${table} enable row level security;`);
      this.addSql(`
        create policy ${table}_tenant_isolation on ${table} to ${TENANT_ROLE}
          using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT});`);
    }
    this.addSql(`grant select, update on support_access_requests to ${TENANT_ROLE};`);
    this.addSql(`grant select on support_access_notifications to ${TENANT_ROLE};`);
    // No update or delete, on top of the trigger: the tenant role can only read and append.
    this.addSql(`grant select, insert on tenant_audit_log to ${TENANT_ROLE};`);
  }
}
