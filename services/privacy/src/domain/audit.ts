import { canonicalJson, chainHash, checkChainLink, GENESIS_HASH, type ChainProblem } from '@homi/service-kit';

// The chain rules (canonical JSON, link hash, link check) are service-kit's hash-chain, shared with
// identity's tenant audit log; rows written before the move hash to the same bytes (see audit.test.ts).
export { canonicalJson, GENESIS_HASH, type ChainProblem };

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

/** What a row's hash covers, besides the previous row's hash. */
const hashedContent = (entry: AuditEntry) => ({
  requestId: entry.requestId,
  seq: entry.seq,
  at: entry.at.toISOString(),
  actor: entry.actor,
  action: entry.action,
  details: entry.details,
});

/** sha256 over the canonical JSON of the row's content and the previous row's hash. */
export function auditHash(entry: AuditEntry, prevHash: string): string {
  return chainHash(hashedContent(entry), prevHash);
}

/** Checks one row against the row before it; the first problem found, or undefined. */
export function checkLink(entry: ChainedAuditEntry, previous: ChainedAuditEntry | undefined): ChainProblem | undefined {
  return checkChainLink(entry, hashedContent(entry), previous);
}

/** The actor of what the service does by itself (a command, a deadline warning, a purge). */
export const SYSTEM_ACTOR = 'system';
