import type { EntityManager } from '@mikro-orm/postgresql';
import { SupportAccessChanged, type CategoryResult } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import { AUDIT_ACTIONS } from '../domain/audit-entry';
import { RETENTION_PERIODS, retentionEnd } from '../domain/retention';
import { appendAudit, auditByActor } from '../infrastructure/audit-log';

type Row = Record<string, unknown>;
const AUDIT_REASON = 'accountability record of access to an institute\'s data (GDPR art. 5(2), 32); append-only, kept 2 years from each entry';
const SUPPORT_REASON = 'the institute\'s record of who asked for access to its data, kept 1 year after the request or grant ends';
const FINISHED = `status in ('denied', 'revoked', 'expired', 'ended')`;
const until = (start: Date | string | null | undefined, period: string) => (start ? { retainedUntil: retentionEnd(new Date(start), period).toISOString() } : {});

/** The audit entries matching `where`, and when the newest of them is past its period. */
async function retainedAudit(em: EntityManager, where: string, id: string): Promise<CategoryResult> {
  const [audit] = await em.execute<{ n: string; newest: Date | string | null }[]>(
    `select count(*) as n, max(occurred_at) as newest from tenant_audit_log where ${where} = ?`, [id],
  );
  return { category: 'tenant-audit-log', records: Number(audit?.n ?? 0), action: 'retained', reason: AUDIT_REASON, ...until(audit?.newest, RETENTION_PERIODS.tenantAuditLog) };
}

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

/**
 * A user's erasure keeps the audit entries (and support requests) they are in: reported as retained,
 * with why and until when the declared periods keep them (the support requests' end is known only
 * once none of them is still open or active).
 */
export async function retainedForUser(em: EntityManager, userId: string): Promise<CategoryResult[]> {
  const [support] = await em.execute<{ n: string; open: string; ended: Date | string | null }[]>(
    `select count(*) as n, count(*) filter (where not (${FINISHED})) as open, max(coalesce(ended_at, decided_at)) as ended
       from support_access_requests where support_user_id = ?`,
    [userId],
  );
  const supportUntil = Number(support?.open ?? 0) === 0 ? until(support?.ended, RETENTION_PERIODS.supportAccess) : {};
  return [
    { category: 'support-access', records: Number(support?.n ?? 0), action: 'retained', reason: SUPPORT_REASON, ...supportUntil },
    await retainedAudit(em, 'actor_user_id', userId),
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
  return [{ category: 'support-access', records: deleted.length, action: 'erased' }, await retainedAudit(em, 'tenant_id', tenantId)];
}
