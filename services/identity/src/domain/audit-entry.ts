import { supportApi } from '@homi/contracts';

/** Who did something in a tenant: one of its members, a HOMi support user under a grant, or identity itself. */
export type AuditActor = { kind: 'member' | 'support'; userId: string } | { kind: 'system' };

/** The actions a tenant's log records: defined with the audit log's API, which filters on them. */
export const AUDIT_ACTIONS = supportApi.AUDIT_ACTIONS;

/** One entry of a tenant's audit log. `details` holds ids, codes and counts: never names or free text. */
export interface AuditRecord {
  tenantId: string;
  at: Date;
  actor: AuditActor;
  action: string;
  details: Record<string, unknown>;
  /** The gateway's event id, for entries that came from the AUDIT stream. */
  sourceEventId?: string;
}

export interface ChainedAuditRecord extends AuditRecord {
  seq: number;
  prevHash: string;
  hash: string;
}

/** Exactly what a row's hash covers: every column but the hashes themselves. */
export function auditContent(e: AuditRecord & { seq: number }): Record<string, unknown> {
  return {
    tenantId: e.tenantId,
    seq: e.seq,
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action,
    details: e.details,
    sourceEventId: e.sourceEventId ?? null,
  };
}
