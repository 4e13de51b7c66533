import { Migration } from '@mikro-orm/migrations';
import { TENANT_ROLE } from './0001-initial';

const TENANT = `current_setting('app.tenant_id', true)`;

/**
 * Invitations (a colleague becomes a member only by accepting) and pending e-mail changes (a new
 * address is used only once its mailbox confirmed it). Both keep only a hash of the mailed token.
 */
export class Migration0004Invitations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table invitations (
        id text primary key,
        tenant_id text not null references tenants (id),
        email text not null,
        suggested_name text,
        role text not null check (role in ('owner', 'admin', 'staff')),
        permissions jsonb not null,
        invited_by text not null,
        token_hash text not null unique,
        status text not null check (status in ('pending', 'accepted', 'declined', 'revoked', 'expired')),
        accepted_by text,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        decided_at timestamptz,
        check (status = 'pending' or decided_at is not null),
        check (status <> 'accepted' or accepted_by is not null)
      );`);
    // One open invitation per address and institute.
    this.addSql(`create unique index invitations_pending_email_key on invitations (tenant_id, lower(email)) where status = 'pending';`);
    this.addSql(`create index invitations_finished_idx on invitations (coalesce(decided_at, expires_at)) where status <> 'pending';`);
    this.addSql(`create index invitations_expires_idx on invitations (expires_at) where status = 'pending';`);
    this.addSql(`alter table invitations enable row level security;`);
    this.addSql(`
      create policy invitations_tenant_isolation on invitations to ${TENANT_ROLE}
        using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT});`);
    this.addSql(`grant select, insert, update on invitations to ${TENANT_ROLE};`);

    this.addSql(`
      alter table users
        add column pending_email text,
        add column pending_email_token_hash text,
        add column pending_email_expires_at timestamptz,
        add constraint users_pending_email_whole check (
          (pending_email is null) = (pending_email_token_hash is null) and (pending_email is null) = (pending_email_expires_at is null)
        );`);
  }
}
