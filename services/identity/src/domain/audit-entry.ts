/** Who did something in a tenant: one of its members, a HOMi support user under a grant, or identity itself. */
export type AuditActor = { kind: 'member' | 'support'; userId: string } | { kind: 'system' };

export const AUDIT_ACTIONS = {
  supportRequested: 'support-access.requested',
  supportCoApproved: 'support-access.co-approved',
  supportApproved: 'support-access.approved',
  supportDenied: 'support-access.denied',
  supportRevoked: 'support-access.revoked',
  supportExpired: 'support-access.expired',
  supportEnded: 'support-access.ended',
  memberAdded: 'member.added',
  memberChanged: 'member.changed',
  memberRemoved: 'member.removed',
  /** An invitation was sent; `member.added` follows when the invitee accepts (its actor is the invitee). */
  memberInvited: 'member.invited',
  invitationDeclined: 'member.invitation-declined',
  invitationRevoked: 'member.invitation-revoked',
  /** A call a support user made under a grant, as the gateway reported it. */
  supportAction: 'support.action',
  /** A support user's call the gateway refused (no grant, out of its scope, no recent MFA), as it reported it. */
  supportRefused: 'support.refused',
  /** One of the tenant's own sensitive actions (an export, a privacy request), as the gateway reported it. */
  tenantAction: 'tenant.action',
} as const;

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
