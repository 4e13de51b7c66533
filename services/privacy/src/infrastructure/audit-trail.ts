import type { EntityManager } from '@mikro-orm/postgresql';
import { perTransaction, preparedQuery, sendWithNextOn, writtenAtCommit, type PreparedStatement } from '@homi/service-kit';
import { auditHash, checkLink, GENESIS_HASH, type AuditEntry, type ChainedAuditEntry, type ChainProblem } from '../domain/audit';

interface AuditRow {
  request_id: string;
  seq: number;
  at: Date;
  actor: string;
  action: string;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

const toEntry = (r: AuditRow): ChainedAuditEntry => ({
  requestId: r.request_id,
  seq: r.seq,
  at: new Date(r.at),
  actor: r.actor,
  action: r.action,
  details: r.details,
  prevHash: r.prev_hash,
  hash: r.hash,
});

interface ChainTip {
  seq: number;
  hash: string;
}

/**
 * What each open transaction knows of the chains whose request it holds locked, keyed by the
 * transaction itself (so nothing outlives it): the tip it appended or found last, or null when it
 * locked the request but has not read the tip. No other transaction appends to those chains
 * meanwhile (every append holds the request's lock); and a tip gone stale all the same could not
 * fork a chain: its next seq collides with the primary key (request_id, seq) and the transaction fails.
 */
const chainsHeldBy = perTransaction(() => new Map<string, ChainTip | null>());

const INSERT_ENTRIES: PreparedStatement = {
  name: 'homi_audit_insert',
  text: `insert into audit_events (request_id, seq, at, actor, action, details, prev_hash, hash)
    select * from unnest($1::text[], $2::int[], $3::timestamptz[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[])`,
};

/** The insert's values, one array per column. */
const columnsOf = (entries: ChainedAuditEntry[]) => [
  entries.map((e) => e.requestId),
  entries.map((e) => e.seq),
  entries.map((e) => e.at),
  entries.map((e) => e.actor),
  entries.map((e) => e.action),
  entries.map((e) => JSON.stringify(e.details)),
  entries.map((e) => e.prevHash),
  entries.map((e) => e.hash),
];

/**
 * A transaction's appended entries, written in one statement as the last thing before its
 * COMMIT (after the ORM's last flush, so the requests they name exist), as the outbox does its rows
 * (ADR 69, ADR 71). A savepoint that starts first gets its parent's entries written, so that it
 * reads the chain tips they left.
 */
const unwritten = writtenAtCommit<ChainedAuditEntry>(
  // With the COMMIT (or the statement after the savepoint starts) in one round trip (ADR 73).
  (transaction, entries) => sendWithNextOn(transaction, INSERT_ENTRIES, columnsOf(entries)),
  { beforeSavepoint: true },
);

/** Whether the transaction of `em` holds the request's row lock (it locked, made or appended to the request). */
export function holdsRequestLock(em: EntityManager, requestId: string): boolean {
  return chainsHeldBy(em)?.has(requestId) ?? false;
}

/**
 * The transaction of `em` holds the request's row lock: its next append need not take it again; nor
 * read the tip, when `tip` is what the transaction read after taking the lock (null: not read).
 */
export function requestLocked(em: EntityManager, requestId: string, tip: ChainTip | null = null): void {
  const chains = chainsHeldBy(em);
  if (chains && !chains.get(requestId)) chains.set(requestId, tip);
}

/** The transaction of `em` inserts this request: its chain is empty, and nobody else sees the row before the commit. */
export function requestCreated(em: EntityManager, requestId: string): void {
  chainsHeldBy(em)?.set(requestId, { seq: 0, hash: GENESIS_HASH });
}

/**
 * Appends to a request's audit chain inside the caller's transaction. The request row is locked
 * first, so two transactions never link to the same predecessor; a transaction that holds the lock
 * already (it locked or made the request, or appended before) skips what it knows: the lock, and the
 * read of the tip it appended last. The entry is chained at once and written with the others of its
 * transaction just before the commit, in one statement; outside a transaction, at once. Flushes
 * pending ORM changes first, as the entry's own insert once did: the flushes keep the order the
 * ORM's inserts had (a request before its tasks, which it knows no relation between).
 */
export async function appendAudit(em: EntityManager, requestId: string, at: Date, actor: string, action: string, details: Record<string, unknown> = {}): Promise<ChainedAuditEntry> {
  await em.flush();
  const chains = chainsHeldBy(em);
  let tip = chains?.get(requestId);
  if (!tip) {
    if (tip === undefined) await em.execute('select 1 from requests where id = ? for update', [requestId]);
    const [last] = await em.execute<ChainTip[]>('select seq, hash from audit_events where request_id = ? order by seq desc limit 1', [requestId]);
    tip = last ?? { seq: 0, hash: GENESIS_HASH };
  }
  const entry: AuditEntry = { requestId, seq: tip.seq + 1, at, actor, action, details };
  const prevHash = tip.hash;
  const hash = auditHash(entry, prevHash);
  const chained: ChainedAuditEntry = { ...entry, prevHash, hash };
  if (!unwritten.add(em, chained)) await preparedQuery(em, INSERT_ENTRIES, columnsOf([chained]));
  chains?.set(requestId, { seq: entry.seq, hash });
  return chained;
}

export async function auditTrail(em: EntityManager, requestId: string): Promise<ChainedAuditEntry[]> {
  const rows = await em.execute<AuditRow[]>('select * from audit_events where request_id = ? order by seq', [requestId]);
  return rows.map(toEntry);
}

export interface AuditVerification {
  ok: boolean;
  requests: number;
  rows: number;
  /** The first row that does not chain, in (request id, seq) order. */
  broken?: { requestId: string; seq: number; problem: ChainProblem };
}

const PAGE = 1000;

/** Recomputes every chain (or one request's) page by page and stops at the first broken row. */
export async function verifyAuditChains(em: EntityManager, requestId?: string): Promise<AuditVerification> {
  let after: { requestId: string; seq: number } = { requestId: '', seq: 0 };
  let previous: ChainedAuditEntry | undefined;
  const result: AuditVerification = { ok: true, requests: 0, rows: 0 };
  for (;;) {
    const rows = await em.execute<AuditRow[]>(
      `select * from audit_events
        where (request_id, seq) > (?, ?) ${requestId ? 'and request_id = ?' : ''}
        order by request_id, seq limit ${PAGE}`,
      requestId ? [after.requestId, after.seq, requestId] : [after.requestId, after.seq],
    );
    for (const entry of rows.map(toEntry)) {
      if (previous?.requestId !== entry.requestId) {
        previous = undefined;
        result.requests++;
      }
      result.rows++;
      const problem = checkLink(entry, previous);
      if (problem) return { ...result, ok: false, broken: { requestId: entry.requestId, seq: entry.seq, problem } };
      previous = entry;
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return result;
    after = { requestId: last.request_id, seq: last.seq };
  }
}
