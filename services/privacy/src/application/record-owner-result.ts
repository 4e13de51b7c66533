import { RequestCompleted, type OwnerResultReported } from '@homi/contracts';
import { SYSTEM_ACTOR } from '../domain/audit';
import { Notification } from '../domain/notification';
import { addDays, type PrivacyRequest } from '../domain/request';
import { applyResult, sameAnswer, type OwnerTask, type ReportedResult } from '../domain/task';
import type { Deps } from './deps';
import type { Repositories } from './ports';

type Used = Pick<Repositories, 'requests' | 'parts' | 'events' | 'audit' | 'notifications'>;

/**
 * Records an owner's answer. Idempotent: an identical answer changes nothing; an answer after the
 * request completed only lands in the audit trail. The request completes, in the same
 * unit of work, when every owner commanded has answered `completed`, also after it was answered with
 * gaps at its deadline: a silent owner's late answer is recorded like any other (ADR 42); the requester's
 * notice of it is written with it, once (the request completes once). Exactly once per message: the subscriber passes the repositories over its message's transaction.
 */
export async function recordOwnerResult(repositories: Used, deps: Pick<Deps, 'clock' | 'settings' | 'newId'>, result: OwnerResultReported): Promise<string> {
  const { requests, audit } = repositories;
  const request = await requests.lock(result.requestId);
  if (!request) return 'unknown-request';
  const now = deps.clock();
  // Every task of the request at once: the owner's is among them, and completing needs them all.
  const tasks = await requests.tasks(request.id);
  const task = tasks.find((t) => t.owner === result.owner);
  const details = summarise(result);
  if (!task) {
    await audit.append(request.id, now, result.owner, 'owner.result.unexpected', details);
    return 'unexpected-owner';
  }
  const reported = await checkExport(repositories, request, task, result);
  const mode = request.type === 'access' ? 'first' : 'accumulate';
  if (request.status === 'completed') {
    if (task.status === 'completed' && sameAnswer(task, reported)) return 'unchanged';
    // A later answer is always on the trail; it changes the report only when it adds an effect.
    const late = task.status === 'completed' ? applyResult(task, reported, now, mode) : 'ignored';
    await audit.append(request.id, now, result.owner, late === 'merged' ? 'owner.result.merged' : 'owner.result.late', details);
    return late === 'merged' ? late : 'late';
  }
  const effect = applyResult(task, reported, now, mode);
  if (effect === 'unchanged') return effect;
  const action = effect === 'ignored' ? 'owner.result.ignored' : effect === 'merged' ? 'owner.result.merged' : `owner.${effect}`;
  await audit.append(request.id, now, result.owner, action, summarise({ ...result, ...reported }));
  if (request.status === 'received') request.status = 'in_progress';
  if (tasks.every((t) => t.status === 'completed')) await complete(repositories, deps, request, now);
  return effect;
}

/** An access result counts only if the part it speaks of arrived whole. */
async function checkExport({ parts }: Used, request: PrivacyRequest, task: OwnerTask, result: OwnerResultReported): Promise<ReportedResult> {
  if (request.type !== 'access' || result.outcome !== 'completed' || task.status === 'completed') return result;
  const part = await parts.current(request.id, task.owner);
  if (part && part.bytes === result.exportBytes) return result;
  return { outcome: 'failed', results: [], error: part ? 'export part size differs from the reported size' : 'export part missing' };
}

async function complete({ events, audit, notifications }: Used, deps: Pick<Deps, 'settings' | 'newId'>, request: PrivacyRequest, now: Date): Promise<void> {
  // The last silent owner of a request answered with gaps fills the last gap (ADR 42).
  const afterGaps = request.status === 'completed_with_gaps';
  request.status = 'completed';
  request.completedAt = now;
  const hadCorrections = request.corrections !== null;
  request.corrections = null;
  if (request.type === 'access') request.exportExpiresAt = addDays(now, deps.settings.exportTtlDays);
  events.publish(RequestCompleted, { requestId: request.id, type: request.type, occurredAt: now.toISOString() });
  // An institute's export is followed on its own page; the notice speaks of a privacy request (ADR 54).
  if (request.purpose === 'data-subject') notifications.add(new Notification(deps.newId('ntf'), request.requester.userId, 'request-completed', request.id, { type: request.type }, now));
  await audit.append(request.id, now, SYSTEM_ACTOR, 'request.completed', {
    afterGaps,
    correctionsCleared: hadCorrections,
    exportExpiresAt: request.exportExpiresAt?.toISOString() ?? null,
  });
}

/** Counts and reasons only: an owner's answer carries no personal data, and neither does the trail. */
function summarise(r: ReportedResult & { owner?: string }) {
  return {
    outcome: r.outcome,
    results: r.results.map((c) => ({ category: c.category, action: c.action, records: c.records, reason: c.reason ?? null, retainedUntil: c.retainedUntil ?? null })),
    exportBytes: r.exportBytes ?? null,
    error: r.error ?? null,
  };
}
