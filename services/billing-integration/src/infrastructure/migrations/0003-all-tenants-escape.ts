import { Migration } from '@mikro-orm/migrations';
import { forcedTenantIsolation } from '@homi/service-kit';
import { TENANT_ROLE } from './0001-initial';

const TABLES = ['connections', 'consent_records', 'client_mappings', 'invoices'] as const;

/**
 * The cross-tenant escape (`app.all_tenants = 'on'`, ADR 4) is for the service's own work that is
 * for no single tenant (the invoice worker's claim, the payment poller, retention). Until now the
 * policies admitted it for anyone, so a tenant transaction that set it saw every tenant's rows;
 * as tenant-data's 0004, they now ignore it for the tenant role, which stays limited to
 * `app.tenant_id` whatever it sets.
 */
export class Migration0003AllTenantsEscape extends Migration {
  override async up(): Promise<void> {
    for (const table of TABLES) for (const sql of forcedTenantIsolation(table, TENANT_ROLE)) this.addSql(sql);
  }
}
