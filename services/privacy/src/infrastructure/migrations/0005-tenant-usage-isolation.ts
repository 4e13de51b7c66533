import { Migration } from '@mikro-orm/migrations';
import { forcedTenantIsolation, tenantRoleStatements } from '@homi/service-kit';

/** The role privacy switches to for a member reading their institute's own usage. */
export const TENANT_ROLE = 'homi_privacy_tenant';

/**
 * Each institute's own usage counts, the one table of privacy that holds a tenant's rows, under
 * forced row-level security (ADR 4): the owner sees one institute's counts only in a transaction for
 * that institute (the erasure of an institute), every institute's only in one that declared itself
 * cross-tenant (the usage consumer, whose batches count many institutes; retention). A member
 * reading their institute's usage does so as TENANT_ROLE, which may only read, and for which the
 * cross-tenant escape does not count. Requests and their tasks, exports and trails are not tenant
 * rows: they belong to a requester and a subject (ADR 10; see ADR 4's addendum of issue 12).
 */
export class Migration0005TenantUsageIsolation extends Migration {
  override async up(): Promise<void> {
    for (const sql of tenantRoleStatements(TENANT_ROLE)) this.addSql(sql);
    for (const sql of forcedTenantIsolation('tenant_usage_daily', TENANT_ROLE)) this.addSql(sql);
    this.addSql(`grant select on tenant_usage_daily to ${TENANT_ROLE};`);
  }
}
