import { Migration } from '@mikro-orm/migrations';
import { allTenantsDeclared, forcedTenantIsolation } from '@homi/service-kit';
import { TENANT_ROLE } from './0001-initial';

/** Every table that holds a tenant's rows, and the column naming the tenant. */
const TENANT_TABLES = [
  ['tenants', 'id'],
  ['memberships', 'tenant_id'],
  ['invitations', 'tenant_id'],
  ['signups', 'tenant_id'],
  ['support_access_requests', 'tenant_id'],
  ['support_access_notifications', 'tenant_id'],
  ['tenant_audit_log', 'tenant_id'],
  ['tenant_audit_anchors', 'tenant_id'],
] as const;

/** The policies of 0001-0004, which applied to the tenant role only. */
const REPLACED = [
  'tenants_own on tenants',
  'memberships_tenant_isolation on memberships',
  'invitations_tenant_isolation on invitations',
  'users_members_of_tenant on users',
  'support_access_requests_tenant_isolation on support_access_requests',
  'support_access_notifications_tenant_isolation on support_access_notifications',
  'tenant_audit_log_tenant_isolation on tenant_audit_log',
  'tenant_audit_anchors_tenant_isolation on tenant_audit_anchors',
];

/**
 * Row-level security forced on identity's tenant tables (ADR 4): until now it held the tenant role
 * only, and the service's own role, the tables' owner, saw everything everywhere. Now the owner too
 * sees a tenant's rows only in a transaction for that tenant (`app.tenant_id`) or in one that
 * declared itself cross-tenant (`app.all_tenants = 'on'`: the `user` scope, the consumers, the KV
 * projection, the jobs), which the tenant role cannot do. A user is visible through a membership in
 * the transaction's tenant, or across tenants. The tenant role's grants stay as they were (it reads
 * and appends to the audit log, never changes it), and so does its right to add a colleague who has
 * no account yet. privacy_statements and their acceptances belong to no tenant and stay unforced;
 * the tenant role has no grant on them.
 */
export class Migration0005ForcedRowLevelSecurity extends Migration {
  override async up(): Promise<void> {
    for (const policy of REPLACED) this.addSql(`drop policy if exists ${policy};`);
    for (const [table, column] of TENANT_TABLES) for (const sql of forcedTenantIsolation(table, TENANT_ROLE, { column })) this.addSql(sql);
    const membersOrAll = `exists (select 1 from memberships m where m.user_id = users.id and m.tenant_id = current_setting('app.tenant_id', true))
      or ${allTenantsDeclared(TENANT_ROLE)}`;
    this.addSql(`create policy users_members_of_tenant on users using (${membersOrAll}) with check (${membersOrAll});`);
    this.addSql(`alter table users force row level security;`);
  }
}
