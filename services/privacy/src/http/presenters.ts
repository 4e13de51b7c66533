import type { RequestView } from '../application/view-requests';
import type { InstituteExportView } from '../application/institute-exports';
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

/** An institute's export as its owners follow it: status, when, what each service exported (counts only). */
export function presentInstituteExport({ request, tasks, now }: InstituteExportView) {
  const records: Record<string, number> = {};
  for (const t of tasks) if (t.status === 'completed') for (const c of t.results) records[c.category] = (records[c.category] ?? 0) + c.records;
  const ready = isAnswered(request) && !!request.exportExpiresAt && now < request.exportExpiresAt;
  const expired = isAnswered(request) && !ready;
  return {
    id: request.id,
    status: expired ? ('expired' as const) : ready ? ('ready' as const) : ('in_progress' as const),
    complete: request.status === 'completed',
    requestedAt: request.receivedAt.toISOString(),
    requestedBy: request.requester.userId,
    completedAt: request.completedAt?.toISOString() ?? null,
    expiresAt: request.exportExpiresAt?.toISOString() ?? null,
    services: tasks.map((t) => ({ service: t.owner, status: t.status === 'completed' ? ('done' as const) : ('pending' as const) })),
    records,
  };
}
