import type { EntityManager } from '@mikro-orm/postgresql';
import type { RetentionPurged } from '@homi/contracts';
import { auditHash, checkLink, GENESIS_HASH, type ChainedAuditEntry, type ChainProblem } from '../domain/audit';

// Each owner's retention reports form one hash chain, built like a request's audit chain (same
// canonical hash; the chain's key `retention:<owner>` takes the request id's place in the hash).

interface Row {
  owner: string;
  seq: number;
  at: string | Date;
  actor: string;
  action: string;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

const chainKey = (owner: string) => `retention:${owner}`;
const toEntry = (r: Row): ChainedAuditEntry => ({
  requestId: chainKey(r.owner), seq: r.seq, at: new Date(r.at), actor: r.actor, action: r.action, details: r.details, prevHash: r.prev_hash, hash: r.hash,
});

/**
 * Appends one report to its owner's chain and moves the category's last purge forward, in the
 * caller's transaction. Reports of one owner are serialised by a transaction-scoped advisory lock.
 */
export async function recordRetentionPurge(em: EntityManager, report: RetentionPurged, at: Date): Promise<ChainedAuditEntry> {
  await em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [chainKey(report.owner)]);
  const [last] = await em.execute<{ seq: number; hash: string }[]>('select seq, hash from retention_audit where owner = ? order by seq desc limit 1', [report.owner]);
  const details = { category: report.category, action: report.action, records: report.records, period: report.period, cutoff: report.cutoff, occurredAt: report.occurredAt };
  const entry = { requestId: chainKey(report.owner), seq: (last?.seq ?? 0) + 1, at, actor: report.owner, action: 'retention.purged', details };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = auditHash(entry, prevHash);
  await em.execute(
    'insert into retention_audit (owner, seq, at, actor, action, details, prev_hash, hash) values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)',
    [report.owner, entry.seq, at, entry.actor, entry.action, JSON.stringify(details), prevHash, hash],
  );
  await em.execute(
    `insert into retention_purges (owner, category, last_purge_at, last_cutoff, records) values (?, ?, ?, ?, ?)
     on conflict (owner, category) do update set
       last_purge_at = greatest(retention_purges.last_purge_at, excluded.last_purge_at),
       last_cutoff = greatest(retention_purges.last_cutoff, excluded.last_cutoff),
       records = retention_purges.records + excluded.records`,
    [report.owner, report.category, report.occurredAt, report.cutoff, report.records],
  );
  return { ...entry, prevHash, hash };
}

export async function retentionTrail(em: EntityManager, owner: string): Promise<ChainedAuditEntry[]> {
  return (await em.execute<Row[]>('select * from retention_audit where owner = ? order by seq', [owner])).map(toEntry);
}

/** Recomputes an owner's chain: the first row that does not link, or undefined. */
export async function verifyRetentionTrail(em: EntityManager, owner: string): Promise<{ seq: number; problem: ChainProblem } | undefined> {
  let previous: ChainedAuditEntry | undefined;
  for (const entry of await retentionTrail(em, owner)) {
    const problem = checkLink(entry, previous);
    if (problem) return { seq: entry.seq, problem };
    previous = entry;
  }
  return undefined;
}

/** The last purge per owner and category, for the data map. */
export async function lastPurges(em: EntityManager): Promise<Map<string, string>> {
  const rows = await em.execute<{ owner: string; category: string; last_purge_at: string | Date }[]>('select owner, category, last_purge_at from retention_purges');
  return new Map(rows.map((r) => [`${r.owner}/${r.category}`, new Date(r.last_purge_at).toISOString()]));
}
