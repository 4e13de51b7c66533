import { Migration } from '@mikro-orm/migrations';
import { forcedTenantIsolation } from '@homi/service-kit';
import { TENANT_ROLE } from './0001-initial';

const TABLES = ['institutes', 'clients', 'appointments'] as const;

/**
 * Lets work that is for no single tenant say so: the policies also admit a transaction that set
 * `app.all_tenants = 'on'` (ADR 4, the pattern billing-integration has had from its start). In
 * production the service's database owner is no superuser, so forced row-level security applies to
 * it, and the retention jobs, which run as the owner across tenants, found no rows at all without
 * this. The tenant role never sets it, and the policy ignores it for that role anyway: a tenant
 * transaction stays limited to `app.tenant_id` whatever it sets.
 */
export class Migration0004AllTenantsEscape extends Migration {
  override async up(): Promise<void> {
    for (const table of TABLES) for (const sql of forcedTenantIsolation(table, TENANT_ROLE)) this.addSql(sql);
  }
}
