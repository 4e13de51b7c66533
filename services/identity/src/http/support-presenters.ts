import type { supportApi } from '@homi/contracts';
import type { ChainedAuditRecord } from '../domain/audit-entry';
import type { Deps } from '../application/deps';
import { ticketSubjects } from '../application/ticket-subjects';
import { answerBy, type SupportAccessRequest } from '../domain/support-access-request';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentSupportRequest(r: SupportAccessRequest, ttlMs: number, subjects?: ReadonlyMap<string, string | null>): supportApi.SupportAccessRequest {
  const granted = r.startsAt && r.expiresAt && r.grantedModules && r.grantedMode && r.grantedMinutes;
  return {
    id: r.id,
    tenantId: r.tenantId,
    supportUserId: r.supportUserId,
    reason: r.reason,
    ticketId: r.ticket,
    ticketSubject: subjects?.get(r.ticket) ?? null,
    modules: r.modules,
    mode: r.mode,
    durationMinutes: r.durationMinutes,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    answerBy: answerBy(r, ttlMs).toISOString(),
    coApprovedBy: r.coApprovedBy,
    coApprovedAt: iso(r.coApprovedAt),
    decidedBy: r.decidedBy,
    decidedAt: iso(r.decidedAt),
    grant: granted
      ? { modules: r.grantedModules!, mode: r.grantedMode!, durationMinutes: r.grantedMinutes!, startsAt: r.startsAt!.toISOString(), expiresAt: r.expiresAt!.toISOString() }
      : null,
    endedAt: iso(r.endedAt),
  };
}

/** The requests as shown, each with its ticket's subject from the helpdesk (ADR 43). */
export async function presentSupportRequests(deps: Deps, requests: readonly SupportAccessRequest[]): Promise<supportApi.SupportAccessRequest[]> {
  const subjects = await ticketSubjects(deps, requests);
  return requests.map((r) => presentSupportRequest(r, deps.supportRequestTtlMs, subjects));
}

/** One request as shown, with its ticket's subject. */
export async function presentSupportRequestOf(deps: Deps, request: SupportAccessRequest): Promise<supportApi.SupportAccessRequest> {
  const [presented] = await presentSupportRequests(deps, [request]);
  return presented!;
}

export function presentAuditEntry(e: ChainedAuditRecord): supportApi.AuditLogEntry {
  return {
    seq: e.seq,
    at: e.at.toISOString(),
    actor: e.actor.kind === 'system' ? { kind: 'system' } : { kind: e.actor.kind, userId: e.actor.userId },
    action: e.action,
    details: e.details,
    hash: e.hash,
  };
}
