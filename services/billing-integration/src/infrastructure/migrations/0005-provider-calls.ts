import { Migration } from '@mikro-orm/migrations';
import { forcedTenantIsolation } from '@homi/service-kit';
import { TENANT_ROLE } from './0001-initial';

/**
 * Marks of creations sent to FactuurSturen whose outcome is not recorded yet (ADR 67): committed in
 * a transaction of their own before the call, removed with the outcome. A mark holds ids only (the
 * client's, and the invoice's for an invoice), never personal fields; it goes with the client's or
 * the tenant's erasure at the latest. Under the same forced tenant isolation as every other table.
 * What was pending before this migration may have been sent: it gets its mark, so it is looked up first.
 */
export class Migration0005ProviderCalls extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table provider_calls (
        tenant_id text not null,
        kind text not null check (kind in ('client', 'invoice')),
        reference text not null,
        client_id text not null,
        started_at timestamptz not null,
        primary key (tenant_id, kind, reference)
      );`);
    this.addSql(`create index provider_calls_client_idx on provider_calls (tenant_id, client_id);`);
    for (const sql of forcedTenantIsolation('provider_calls', TENANT_ROLE)) this.addSql(sql);
    this.addSql(`grant select, insert, delete on provider_calls to ${TENANT_ROLE};`);
    // The backfill reads every tenant's rows: this transaction declares itself cross-tenant (ADR 19).
    this.addSql(`select set_config('app.all_tenants', 'on', true);`);
    this.addSql(`
      insert into provider_calls (tenant_id, kind, reference, client_id, started_at)
      select tenant_id, 'client', client_id, client_id, updated_at from client_mappings where status = 'pending'
      union all
      select tenant_id, 'invoice', id, client_id, updated_at from invoices where status = 'pending' and attempts > 0
      on conflict do nothing;`);
    this.addSql(`select set_config('app.all_tenants', '', true);`);
  }
}
