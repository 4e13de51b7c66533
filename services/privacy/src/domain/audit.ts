import { createHash } from 'node:crypto';

/** One entry of a request's audit trail. `details` never holds personal data: ids, counts, names of owners. */
export interface AuditEntry {
  requestId: string;
  seq: number;
  at: Date;
  /** A user id, an owner's name, or `system`. */
  actor: string;
  action: string;
  details: Record<string, unknown>;
}

export interface ChainedAuditEntry extends AuditEntry {
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every level and no insignificant whitespace, so that the same
 * row always serialises to the same bytes whatever order Postgres' jsonb hands its keys back in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('audit details must hold finite numbers');
    return JSON.stringify(value) ?? 'null';
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** sha256 over the canonical JSON of the row's content and the previous row's hash. */
export function auditHash(entry: AuditEntry, prevHash: string): string {
  const content = {
    requestId: entry.requestId,
    seq: entry.seq,
    at: entry.at.toISOString(),
    actor: entry.actor,
    action: entry.action,
    details: entry.details,
    prevHash,
  };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

export type ChainProblem = 'sequence' | 'prev_hash' | 'hash';

/** Checks one row against the row before it; the first problem found, or undefined. */
export function checkLink(entry: ChainedAuditEntry, previous: ChainedAuditEntry | undefined): ChainProblem | undefined {
  const expectedSeq = previous ? previous.seq + 1 : 1;
  if (entry.seq !== expectedSeq) return 'sequence';
  if (entry.prevHash !== (previous ? previous.hash : GENESIS_HASH)) return 'prev_hash';
  if (entry.hash !== auditHash(entry, entry.prevHash)) return 'hash';
  return undefined;
}
