import { Migration } from '@mikro-orm/migrations';

export const TENANT_ROLE = 'homi_tenant_data_tenant';

/**
 * Institutes, clients and appointments, each isolated per tenant by row-level security: a
 * transaction that switched to TENANT_ROLE sees only rows whose tenant_id equals the
 * transaction's `app.tenant_id` setting, whatever its WHERE clause says.
 */
export class Migration0001Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      do $$ begin
        create role ${TENANT_ROLE} nologin;
      exception when duplicate_object then null; when unique_violation then null;
      end $$;`);
    this.addSql(`grant ${TENANT_ROLE} to current_user;`);
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`
      create table institutes (
        tenant_id text primary key,
        name text not null,
        kvk_number text,
        address jsonb,
        phone text,
        email text,
        created_at timestamptz not null,
        updated_at timestamptz not null
      );`);
    this.addSql(`
      create table clients (
        id text primary key,
        tenant_id text not null,
        name text not null,
        email text,
        phone text,
        date_of_birth date,
        address jsonb,
        notes text,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        unique (tenant_id, id)
      );`);
    this.addSql(`create index clients_tenant_name_idx on clients (tenant_id, lower(name), id);`);
    this.addSql(`create index clients_name_trgm_idx on clients using gin (lower(name) gin_trgm_ops);`);
    this.addSql(`
      create table appointments (
        id text primary key,
        tenant_id text not null,
        client_id text not null,
        starts_at timestamptz not null,
        ends_at timestamptz not null,
        treatment text not null,
        notes text,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        foreign key (tenant_id, client_id) references clients (tenant_id, id) on delete cascade,
        check (ends_at > starts_at)
      );`);
    this.addSql(`create index appointments_tenant_start_idx on appointments (tenant_id, starts_at, id);`);
    this.addSql(`create index appointments_client_idx on appointments (tenant_id, client_id);`);
    for (const table of ['institutes', 'clients', 'appointments']) {
      this.addSql(`alter table ${table} enable row level security;`);
      this.addSql(`alter table ${table} force row level security;`);
      this.addSql(`
        create policy ${table}_tenant_isolation on ${table}
          using (tenant_id = current_setting('app.tenant_id', true))
          with check (tenant_id = current_setting('app.tenant_id', true));`);
      this.addSql(`grant select, insert, update, delete on ${table} to ${TENANT_ROLE};`);
    }
    this.addSql(`grant select, insert, update on outbox, inbox to ${TENANT_ROLE};`);
  }
}
