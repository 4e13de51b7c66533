import { createHash } from 'node:crypto';

// The pieces of an append-only, hash-chained log that do not depend on where the rows live: one
// canonical serialisation and one link hash. Identity's tenant audit log and privacy's request
// audit trail both chain with it.

/** The `prevHash` of a chain's first row. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every level and no insignificant whitespace, so that the same
 * content always serialises to the same bytes, whatever order Postgres' jsonb returns keys in.
 * Dates become ISO strings; `undefined` members are left out; non-finite numbers are refused.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('chained content must hold finite numbers');
    return JSON.stringify(value) ?? 'null';
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** sha-256 (hex) over the canonical JSON of a row's content together with the previous row's hash. */
export function chainHash(content: Record<string, unknown>, prevHash: string): string {
  return createHash('sha256').update(canonicalJson({ ...content, prevHash })).digest('hex');
}

export type ChainProblem = 'sequence' | 'prev_hash' | 'hash';

export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
}

/**
 * Checks one row against the row before it in the same chain (seq 1 follows nobody): the first
 * problem found, or undefined. `content` is what the row's hash was computed over.
 */
export function checkChainLink(row: ChainLink, content: Record<string, unknown>, previous: ChainLink | undefined): ChainProblem | undefined {
  if (row.seq !== (previous ? previous.seq + 1 : 1)) return 'sequence';
  if (row.prevHash !== (previous ? previous.hash : GENESIS_HASH)) return 'prev_hash';
  if (row.hash !== chainHash(content, row.prevHash)) return 'hash';
  return undefined;
}
