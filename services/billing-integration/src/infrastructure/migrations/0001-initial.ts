import { Migration } from '@mikro-orm/migrations';

export const TENANT_ROLE = 'homi_billing_tenant';
const TABLES = ['connections', 'consent_records', 'client_mappings', 'invoices'] as const;

/**
 * Connections, consent records, client mappings and invoice copies, each isolated per tenant by
 * row-level security (ADR 4). Forced, so even the owner sees a tenant's rows only inside that
 * tenant (`app.tenant_id`) or in work that declares itself cross-tenant (`app.all_tenants`: the
 * invoice worker's claim, the payment poller, the purge, privacy requests for a whole tenant).
 * The tenant role may only append to consent_records and never deletes invoices.
 */
export class Migration0001Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      do $$ begin
        create role ${TENANT_ROLE} nologin;
      exception when duplicate_object then null; when unique_violation then null;
      end $$;`);
    this.addSql(`grant ${TENANT_ROLE} to current_user;`);
    this.addSql(`
      create table connections (
        tenant_id text primary key,
        username text not null,
        api_key_sealed text not null,
        key_id text not null,
        share_client_data boolean not null,
        status text not null check (status in ('connected', 'rejected')),
        connected_at timestamptz not null,
        updated_at timestamptz not null
      );`);
    this.addSql(`
      create table consent_records (
        id text primary key,
        tenant_id text not null,
        action text not null check (action in ('given', 'withdrawn')),
        actor text not null,
        at timestamptz not null,
        scope jsonb not null
      );`);
    this.addSql(`create index consent_records_tenant_idx on consent_records (tenant_id, at, id);`);
    this.addSql(`
      create table client_mappings (
        tenant_id text not null,
        client_id text not null,
        client_number integer,
        status text not null check (status in ('pending', 'created', 'deleted', 'blanked')),
        created_at timestamptz not null,
        updated_at timestamptz not null,
        primary key (tenant_id, client_id)
      );`);
    this.addSql(`
      create table invoices (
        id text primary key,
        tenant_id text not null,
        client_id text not null,
        lines jsonb not null,
        send_by_email boolean not null,
        created_by text not null,
        status text not null check (status in ('pending', 'created', 'failed')),
        provider_invoice_number text,
        invoice_date date,
        excl_tax_cents integer not null,
        tax_cents integer not null,
        incl_tax_cents integer not null,
        paid boolean not null,
        open_cents integer,
        paid_date date,
        attempts integer not null,
        next_attempt_at timestamptz not null,
        last_error text,
        poll_after timestamptz,
        restricted_at timestamptz,
        retain_until date,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        check (restricted_at is null or retain_until is not null)
      );`);
    this.addSql(`create index invoices_tenant_list_idx on invoices (tenant_id, created_at desc, id desc);`);
    this.addSql(`create index invoices_tenant_client_idx on invoices (tenant_id, client_id);`);
    this.addSql(`create index invoices_pending_idx on invoices (next_attempt_at) where status = 'pending';`);
    this.addSql(`create index invoices_unpaid_idx on invoices (poll_after) where status = 'created' and not paid and restricted_at is null;`);
    this.addSql(`create index invoices_restricted_idx on invoices (retain_until) where restricted_at is not null;`);
    for (const table of TABLES) {
      this.addSql(`alter table ${table} enable row level security;`);
      this.addSql(`alter table ${table} force row level security;`);
      this.addSql(`
        create policy ${table}_tenant_isolation on ${table}
          using (tenant_id = current_setting('app.tenant_id', true) or current_setting('app.all_tenants', true) = 'on')
          with check (tenant_id = current_setting('app.tenant_id', true) or current_setting('app.all_tenants', true) = 'on');`);
    }
    this.addSql(`grant select, insert, update, delete on connections to ${TENANT_ROLE};`);
    this.addSql(`grant select, insert on consent_records to ${TENANT_ROLE};`);
    this.addSql(`grant select, insert, update on client_mappings, invoices to ${TENANT_ROLE};`);
    this.addSql(`grant select, insert, update on outbox, inbox to ${TENANT_ROLE};`);
  }
}
