import type { CategoryResult } from '@homi/contracts';
import { SupportAccessChanged } from '@homi/contracts';
import { AUDIT_ACTIONS } from '../domain/audit-entry';
import { RETENTION_PERIODS, retentionEnd } from '../domain/retention';
import type { Repositories, SubjectRow } from './ports';

const AUDIT_REASON = 'accountability record of access to an institute\'s data (GDPR art. 5(2), 32); append-only, kept 2 years from each entry';
const SUPPORT_REASON = 'the institute\'s record of who asked for access to its data, kept 1 year after the request or grant ends';
const until = (start: Date | null, period: string) => (start ? { retainedUntil: retentionEnd(start, period).toISOString() } : {});

/** The audit entries of the user or tenant, and when the newest of them is past its period. */
async function retainedAudit(subjects: Repositories['subjects'], of: { actorUserId: string } | { tenantId: string }): Promise<CategoryResult> {
  const audit = await subjects.auditEntries(of);
  return { category: 'tenant-audit-log', records: audit.count, action: 'retained', reason: AUDIT_REASON, ...until(audit.newest, RETENTION_PERIODS.tenantAuditLog) };
}

/** The support requests a support user made, and the audit entries whose actor the user is. */
export async function* exportSupportRecords({ audit }: Pick<Repositories, 'audit'>, supportRequests: SubjectRow[], userId: string) {
  for (const data of supportRequests) yield { category: 'support-access', data };
  for (const e of await audit.byActorAcrossTenants(userId)) {
    yield { category: 'tenant-audit-log', data: { tenantId: e.tenantId, seq: e.seq, at: e.at.toISOString(), action: e.action, details: e.details } };
  }
}

/**
 * A user's erasure keeps the audit entries (and support requests) they are in: reported as retained,
 * with why and until when the declared periods keep them (the support requests' end is known only
 * once none of them is still open or active).
 */
export async function retainedForUser({ subjects }: Pick<Repositories, 'subjects'>, userId: string): Promise<CategoryResult[]> {
  const support = await subjects.supportRequestsOf(userId);
  const supportUntil = support.open === 0 ? until(support.lastEnded, RETENTION_PERIODS.supportAccess) : {};
  return [
    { category: 'support-access', records: support.count, action: 'retained', reason: SUPPORT_REASON, ...supportUntil },
    await retainedAudit(subjects, { actorUserId: userId }),
  ];
}

/** Audits memberships an account erasure removed (the log shows the member left, by the system). */
export async function auditErasedMemberships({ audit }: Pick<Repositories, 'audit'>, userId: string, tenantIds: string[], now: Date): Promise<void> {
  for (const tenantId of tenantIds) {
    await audit.append({ tenantId, at: now, actor: { kind: 'system' }, action: AUDIT_ACTIONS.memberRemoved, details: { userId, reason: 'account_erased' } });
  }
}

/**
 * An institute's erasure deletes its support requests (an active grant ends: the KV projection
 * deletes it) and keeps its audit log, reported as retained.
 */
export async function eraseTenantSupport(
  { subjects, events }: Pick<Repositories, 'subjects' | 'events'>, tenantId: string, supportRequestIds: string[], now: Date,
): Promise<CategoryResult[]> {
  for (const requestId of supportRequestIds) events.publish(SupportAccessChanged, { requestId, tenantId, occurredAt: now.toISOString() });
  return [{ category: 'support-access', records: supportRequestIds.length, action: 'erased' }, await retainedAudit(subjects, { tenantId })];
}
