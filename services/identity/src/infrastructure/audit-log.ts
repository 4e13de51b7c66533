import type { EntityManager } from '@mikro-orm/postgresql';
import { chainHash, checkChainLink, GENESIS_HASH } from '@homi/service-kit';
import { auditContent, type AuditActor, type AuditRecord, type ChainedAuditRecord } from '../domain/audit-entry';
import type { AuditFilter, AuditLog, AuditVerification } from '../application/ports';

interface Row {
  tenant_id: string;
  seq: string | number;
  occurred_at: Date | string;
  actor_kind: 'member' | 'support' | 'system';
  actor_user_id: string | null;
  action: string;
  details: Record<string, unknown>;
  source_event_id: string | null;
  prev_hash: string;
  hash: string;
}

// Two-key advisory locks: this class id keeps identity's audit locks apart from any other use. The
// purge (migration 0003's tenant_audit_log_purge) takes the same lock, so it never races an append.
export const AUDIT_LOCK_CLASS = 0x1d_a0d1;

export function toRecord(r: Row): ChainedAuditRecord {
  const actor: AuditActor = r.actor_kind === 'system' ? { kind: 'system' } : { kind: r.actor_kind, userId: r.actor_user_id ?? '' };
  return {
    tenantId: r.tenant_id, seq: Number(r.seq), at: new Date(r.occurred_at), actor, action: r.action, details: r.details,
    ...(r.source_event_id ? { sourceEventId: r.source_event_id } : {}), prevHash: r.prev_hash, hash: r.hash,
  };
}

/**
 * Appends to the tenant's chain inside the caller's transaction. The tenant's advisory lock is held
 * until commit, so appends for one tenant are serial and each links to the latest committed row: the
 * chain cannot fork. With a source event id, an event already recorded is skipped (undefined).
 */
export async function appendAudit(em: EntityManager, record: AuditRecord): Promise<ChainedAuditRecord | undefined> {
  await em.execute('select pg_advisory_xact_lock(?, hashtext(?))', [AUDIT_LOCK_CLASS, record.tenantId]);
  if (record.sourceEventId) {
    const seen = await em.execute('select 1 from tenant_audit_log where tenant_id = ? and source_event_id = ?', [record.tenantId, record.sourceEventId]);
    if (seen.length) return undefined;
  }
  // Once retention has purged every row of the chain, the next one links to the anchor (ADR 15).
  const [last] = await em.execute<{ seq: string; hash: string }[]>(
    `(select seq, hash from tenant_audit_log where tenant_id = ? order by seq desc limit 1)
     union all (select seq, hash from tenant_audit_anchors where tenant_id = ?) order by seq desc limit 1`,
    [record.tenantId, record.tenantId],
  );
  const seq = Number(last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = chainHash(auditContent({ ...record, seq }), prevHash);
  const userId = record.actor.kind === 'system' ? null : record.actor.userId;
  await em.execute(
    `insert into tenant_audit_log (tenant_id, seq, occurred_at, actor_kind, actor_user_id, action, details, source_event_id, prev_hash, hash)
     values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)`,
    [record.tenantId, seq, record.at, record.actor.kind, userId, record.action, JSON.stringify(record.details), record.sourceEventId ?? null, prevHash, hash],
  );
  return { ...record, seq, prevHash, hash };
}

const SUPPORT_ENTRY = `(actor_kind = 'support' or action like 'support-access.%')`;

/** The tenant's entries newest first, filtered. */
export async function auditPage(em: EntityManager, tenantId: string, limit: number, filter: AuditFilter = {}): Promise<ChainedAuditRecord[]> {
  const where = ['tenant_id = ?'];
  const params: unknown[] = [tenantId];
  const add = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  if (filter.before !== undefined) add('seq < ?', filter.before);
  if (filter.actorUserId !== undefined) add('actor_user_id = ?', filter.actorUserId);
  if (filter.actions) add(filter.actions.length ? `action in (${filter.actions.map(() => '?').join(', ')})` : 'false', ...filter.actions);
  if (filter.support !== undefined) add(filter.support ? SUPPORT_ENTRY : `not ${SUPPORT_ENTRY}`);
  const rows = await em.execute<Row[]>(`select * from tenant_audit_log where ${where.join(' and ')} order by seq desc limit ?`, [...params, limit]);
  return rows.map(toRecord);
}

/** Entries whose actor is this user, across tenants (for their data export). */
export async function auditByActor(em: EntityManager, userId: string): Promise<ChainedAuditRecord[]> {
  const rows = await em.execute<Row[]>('select * from tenant_audit_log where actor_user_id = ? order by tenant_id, seq', [userId]);
  return rows.map(toRecord);
}

const PAGE = 1000;

type VerifiedRow = Row & { anchor_seq: string | null; anchor_hash: string | null };

/**
 * Recomputes every tenant's chain (or one tenant's) page by page, stopping at the first row that does
 * not chain. A chain whose oldest rows retention purged starts at its anchor: its first row must
 * follow the anchor's seq and hash exactly as it followed the purged row.
 */
export async function verifyAuditLog(em: EntityManager, onlyTenantId?: string): Promise<AuditVerification> {
  const result: AuditVerification = { ok: true, tenants: 0, rows: 0 };
  let after = { tenantId: onlyTenantId ?? '', seq: 0 };
  let previous: Pick<ChainedAuditRecord, 'tenantId' | 'seq' | 'prevHash' | 'hash'> | undefined;
  for (;;) {
    const rows = await em.execute<VerifiedRow[]>(
      `select l.*, a.seq as anchor_seq, a.hash as anchor_hash from tenant_audit_log l left join tenant_audit_anchors a using (tenant_id)
        where (l.tenant_id, l.seq) > (?, ?) ${onlyTenantId === undefined ? '' : 'and l.tenant_id = ?'} order by l.tenant_id, l.seq limit ${PAGE}`,
      onlyTenantId === undefined ? [after.tenantId, after.seq] : [after.tenantId, after.seq, onlyTenantId],
    );
    for (const row of rows) {
      const entry = toRecord(row);
      if (previous?.tenantId !== entry.tenantId) {
        previous = row.anchor_seq ? { tenantId: entry.tenantId, seq: Number(row.anchor_seq), prevHash: '', hash: row.anchor_hash ?? '' } : undefined;
        result.tenants++;
      }
      result.rows++;
      const problem = checkChainLink(entry, auditContent(entry), previous);
      if (problem) return { ...result, ok: false, broken: { tenantId: entry.tenantId, seq: entry.seq, problem } };
      previous = entry;
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return result;
    after = { tenantId: last.tenant_id, seq: Number(last.seq) };
  }
}

/** The audit log port over one transaction. */
export const auditLog = (em: EntityManager): AuditLog => ({
  append: (record) => appendAudit(em, record),
  page: (tenantId, limit, filter) => auditPage(em, tenantId, limit, filter),
  byActorAcrossTenants: (userId) => auditByActor(em, userId),
  verify: (tenantId) => verifyAuditLog(em, tenantId),
});
