import { Migration } from '@mikro-orm/migrations';
import { forcedTenantIsolation, tenantRoleStatements } from '@homi/service-kit';

export const TENANT_ROLE = 'homi_helpdesk_tenant';
export const HELPDESK_TABLES = ['institute_names', 'tickets', 'ticket_messages'] as const;

/**
 * Tickets, their messages and the institutes' names, each isolated per tenant by forced row-level
 * security (ADR 4): a tenant transaction sees only its tenant's rows; support's work, retention and
 * a user's privacy request declare themselves across tenants (`app.all_tenants`).
 */
export class Migration0001Initial extends Migration {
  override async up(): Promise<void> {
    for (const sql of tenantRoleStatements(TENANT_ROLE)) this.addSql(sql);
    this.addSql(`
      create table institute_names (
        tenant_id text primary key,
        name text not null,
        learned_at timestamptz not null
      );`);
    this.addSql(`
      create table tickets (
        id text primary key,
        tenant_id text not null,
        opened_by text,
        subject text,
        category text not null check (category in ('question', 'problem', 'my-data', 'invoicing')),
        status text not null check (status in ('open', 'waiting-for-customer', 'solved', 'closed')),
        assignee_id text,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        closed_at timestamptz,
        check ((status = 'closed') = (closed_at is not null)),
        unique (tenant_id, id)
      );`);
    this.addSql('create index tickets_tenant_created_idx on tickets (tenant_id, created_at desc, id desc);');
    this.addSql('create index tickets_created_idx on tickets (created_at desc, id desc);');
    this.addSql('create index tickets_opened_by_idx on tickets (opened_by) where opened_by is not null;');
    this.addSql('create index tickets_closed_at_idx on tickets (closed_at) where closed_at is not null;');
    this.addSql(`
      create table ticket_messages (
        id text primary key,
        tenant_id text not null,
        ticket_id text not null,
        from_side text not null check (from_side in ('institute', 'support')),
        author_id text,
        body text,
        erased_at timestamptz,
        created_at timestamptz not null,
        -- Checked at commit: the unit of work flushes a ticket and its first message in one go, in no set order.
        foreign key (tenant_id, ticket_id) references tickets (tenant_id, id) on delete cascade deferrable initially deferred
      );`);
    this.addSql('create index ticket_messages_ticket_idx on ticket_messages (tenant_id, ticket_id, created_at, id);');
    this.addSql('create index ticket_messages_author_idx on ticket_messages (author_id) where author_id is not null;');
    for (const table of HELPDESK_TABLES) {
      for (const sql of forcedTenantIsolation(table, TENANT_ROLE)) this.addSql(sql);
      this.addSql(`grant select, insert, update, delete on ${table} to ${TENANT_ROLE};`);
    }
    this.addSql(`grant select, insert, update on outbox, inbox to ${TENANT_ROLE};`);
  }
}
