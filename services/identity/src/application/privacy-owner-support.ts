import type { EntityManager } from '@mikro-orm/postgresql';
import { SupportAccessChanged, type CategoryResult } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import { AUDIT_ACTIONS } from '../domain/audit-entry';
import { appendAudit, auditByActor } from '../infrastructure/audit-log';

type Row = Record<string, unknown>;
const RETENTION_YEARS = 2;
const AUDIT_REASON = 'accountability record of access to an institute\'s data (GDPR art. 5(2), 32); append-only, kept 2 years from each entry';

/** The support requests a support user made, and the audit entries whose actor the user is. */
export async function* exportSupportRecords(em: EntityManager, userId: string) {
  const requests = await em.execute<Row[]>(
    `select id, tenant_id, reason, ticket, modules, mode, duration_minutes, status, created_at, starts_at, expires_at, ended_at
       from support_access_requests where support_user_id = ? order by created_at`,
    [userId],
  );
  for (const data of requests) yield { category: 'support-access', data };
  for (const e of await auditByActor(em, userId)) {
    yield { category: 'tenant-audit-log', data: { tenantId: e.tenantId, seq: e.seq, at: e.at.toISOString(), action: e.action, details: e.details } };
  }
}

/** A user's erasure keeps the audit entries (and support requests) they are in: reported as retained, with why. */
export async function retainedForUser(em: EntityManager, userId: string): Promise<CategoryResult[]> {
  const [audit] = await em.execute<{ n: string; newest: Date | string | null }[]>(
    'select count(*) as n, max(occurred_at) as newest from tenant_audit_log where actor_user_id = ?', [userId],
  );
  const [support] = await em.execute<{ n: string }[]>('select count(*) as n from support_access_requests where support_user_id = ?', [userId]);
  const until = audit?.newest ? new Date(audit.newest) : undefined;
  until?.setUTCFullYear(until.getUTCFullYear() + RETENTION_YEARS);
  return [
    { category: 'support-access', records: Number(support?.n ?? 0), action: 'retained', reason: 'the institute\'s record of who asked for access to its data, kept 2 years' },
    { category: 'tenant-audit-log', records: Number(audit?.n ?? 0), action: 'retained', reason: AUDIT_REASON, ...(until ? { retainedUntil: until.toISOString() } : {}) },
  ];
}

/** Audits memberships an account erasure removed (the log shows the member left, by the system). */
export async function auditErasedMemberships(em: EntityManager, userId: string, tenantIds: string[], now: Date): Promise<void> {
  for (const tenantId of tenantIds) {
    await appendAudit(em, { tenantId, at: now, actor: { kind: 'system' }, action: AUDIT_ACTIONS.memberRemoved, details: { userId, reason: 'account_erased' } });
  }
}

/**
 * An institute's erasure deletes its support requests (an active grant ends: the KV projection
 * deletes it) and keeps its audit log, reported as retained.
 */
export async function eraseTenantSupport(em: EntityManager, tenantId: string, now: Date): Promise<CategoryResult[]> {
  const deleted = await em.execute<{ id: string }[]>('delete from support_access_requests where tenant_id = ? returning id', [tenantId]);
  for (const { id } of deleted) enqueue(em, SupportAccessChanged, { requestId: id, tenantId, occurredAt: now.toISOString() });
  const [audit] = await em.execute<{ n: string }[]>('select count(*) as n from tenant_audit_log where tenant_id = ?', [tenantId]);
  return [
    { category: 'support-access', records: deleted.length, action: 'erased' },
    { category: 'tenant-audit-log', records: Number(audit?.n ?? 0), action: 'retained', reason: AUDIT_REASON },
  ];
}
