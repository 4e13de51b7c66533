import type { RequestView } from '../application/view-requests';
import { isAnswered, isOpen } from '../domain/request';

/** A request as its requester (or the privacy officer) sees it: progress per owner and the report. */
export function presentRequest({ request, tasks, now }: RequestView) {
  const report = tasks.flatMap((t) =>
    t.status === 'completed'
      ? t.results.map((c) => ({ owner: t.owner, category: c.category, action: c.action, records: c.records, reason: c.reason ?? null, retainedUntil: c.retainedUntil ?? null }))
      : [],
  );
  return {
    id: request.id,
    parentId: request.parentId,
    ticketId: request.ticketId,
    type: request.type,
    subject: request.subject,
    status: request.status,
    receivedAt: request.receivedAt.toISOString(),
    dueAt: request.dueAt.toISOString(),
    overdue: isOpen(request) && now.getTime() > request.dueAt.getTime(),
    extension: request.extension,
    completedAt: request.completedAt?.toISOString() ?? null,
    escalatedAt: request.escalatedAt?.toISOString() ?? null,
    /** Owners not done yet; on a request answered with gaps, the gaps (still being asked, ADR 42). */
    silentOwners: tasks.filter((t) => t.status !== 'completed').map((t) => t.owner),
    owners: tasks.map((t) => ({
      owner: t.owner,
      status: t.status,
      attempts: t.attempts,
      lastCommandedAt: t.lastCommandedAt.toISOString(),
      answeredAt: t.answeredAt?.toISOString() ?? null,
      results: t.results,
      exportBytes: t.exportBytes,
      error: t.error,
    })),
    /** What each owner did per category: exported, erased, anonymised, rectified, or kept and why. */
    report,
    export:
      request.type === 'access'
        ? { available: isAnswered(request) && !!request.exportExpiresAt && now < request.exportExpiresAt, expiresAt: request.exportExpiresAt?.toISOString() ?? null }
        : undefined,
  };
}
