import { Migration } from '@mikro-orm/migrations';

export const TENANT_ROLE = 'homi_identity_tenant';

const TENANT = `current_setting('app.tenant_id', true)`;

/**
 * Users, tenants, memberships, privacy statement versions and acceptances, and the sign-up saga log.
 * Row-level security applies to TENANT_ROLE, which the members routes switch to: it sees the
 * memberships of `app.tenant_id` only, and only users who are members there. RLS is enabled but
 * not forced: the service's own role does the user-scoped work (sign-up, /me, the KV projection),
 * which by its nature crosses tenants.
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
      create table users (
        id text primary key,
        email text not null,
        name text not null,
        phone text,
        status text not null check (status in ('active', 'disabled')),
        deletion_request_id text unique,
        deletion_requested_at timestamptz,
        idp_disabled_at timestamptz,
        created_at timestamptz not null,
        updated_at timestamptz not null
      );`);
    this.addSql(`create unique index users_email_key on users (lower(email));`);
    this.addSql(`create index users_idp_disable_owed_idx on users (deletion_requested_at) where status = 'disabled' and idp_disabled_at is null;`);
    this.addSql(`
      create table tenants (
        id text primary key,
        institute_name text not null,
        kvk_number text,
        address jsonb,
        phone text,
        created_at timestamptz not null
      );`);
    this.addSql(`
      create table memberships (
        tenant_id text not null references tenants (id),
        user_id text not null references users (id),
        role text not null check (role in ('owner', 'admin', 'staff')),
        permissions jsonb not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        primary key (tenant_id, user_id)
      );`);
    this.addSql(`create index memberships_user_idx on memberships (user_id);`);
    this.addSql(`
      create table privacy_statements (
        version text primary key,
        published_at timestamptz not null,
        text text not null
      );`);
    this.addSql(`create index privacy_statements_published_idx on privacy_statements (published_at desc, version desc);`);
    this.addSql(`
      create table privacy_statement_acceptances (
        user_id text not null references users (id),
        version text not null references privacy_statements (version),
        accepted_at timestamptz not null,
        primary key (user_id, version)
      );`);
    this.addSql(`
      create table signups (
        id text primary key,
        email text,
        tenant_id text not null,
        user_id text,
        status text not null check (status in ('pending', 'completed', 'failed')),
        failure text,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        check (status = 'pending' or email is null)
      );`);
    this.addSql(`create unique index signups_pending_email_key on signups (lower(email)) where status = 'pending';`);
    this.addSql(`create index signups_pending_idx on signups (created_at) where status = 'pending';`);
    this.rowLevelSecurity();
  }

  private rowLevelSecurity(): void {
    this.addSql(`alter table memberships enable row level security;`);
    this.addSql(`
      create policy memberships_tenant_isolation on memberships to ${TENANT_ROLE}
        using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT});`);
    this.addSql(`grant select, insert, update, delete on memberships to ${TENANT_ROLE};`);
    this.addSql(`alter table users enable row level security;`);
    this.addSql(`
      create policy users_members_of_tenant on users for select to ${TENANT_ROLE}
        using (exists (select 1 from memberships m where m.user_id = users.id and m.tenant_id = ${TENANT}));`);
    // A colleague without an account yet is inserted together with the membership.
    this.addSql(`create policy users_insert_colleague on users for insert to ${TENANT_ROLE} with check (true);`);
    this.addSql(`grant select, insert on users to ${TENANT_ROLE};`);
    this.addSql(`alter table tenants enable row level security;`);
    this.addSql(`create policy tenants_own on tenants for select to ${TENANT_ROLE} using (id = ${TENANT});`);
    this.addSql(`grant select on tenants to ${TENANT_ROLE};`);
    this.addSql(`grant select, insert, update on outbox to ${TENANT_ROLE};`);
  }
}
