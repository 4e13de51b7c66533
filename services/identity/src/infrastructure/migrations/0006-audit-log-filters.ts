import { Migration } from '@mikro-orm/migrations';

/**
 * The audit log's filters (who, what, support only) read one tenant's entries newest first: each has
 * an index in that order, so a page of a rare filter does not walk the whole chain.
 */
export class Migration0006AuditLogFilters extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index tenant_audit_log_tenant_actor_idx on tenant_audit_log (tenant_id, actor_user_id, seq);`);
    this.addSql(`create index tenant_audit_log_tenant_action_idx on tenant_audit_log (tenant_id, action, seq);`);
    this.addSql(`create index tenant_audit_log_tenant_support_idx on tenant_audit_log (tenant_id, seq)
      where actor_kind = 'support' or action like 'support-access.%';`);
  }
}
