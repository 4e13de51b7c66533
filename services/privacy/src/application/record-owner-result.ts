import type { EntityManager } from '@mikro-orm/postgresql';
import { RequestCompleted, type OwnerResultReported } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import { addDays, type PrivacyRequest } from '../domain/request';
import { applyResult, sameAnswer, type OwnerTask, type ReportedResult } from '../domain/task';
import { appendAudit } from '../infrastructure/audit-trail';
import { RequestRepository } from '../infrastructure/request-repository';
import type { Deps } from './deps';

/**
 * Records an owner's answer. Idempotent: an identical answer changes nothing; an answer after the
 * request completed only lands in the audit trail. The request completes, in the same
 * transaction, when every owner commanded at receipt has answered `completed`.
 */
export async function recordOwnerResult(em: EntityManager, deps: Pick<Deps, 'clock' | 'settings' | 'parts'>, result: OwnerResultReported): Promise<string> {
  const repo = new RequestRepository(em);
  const request = await repo.lock(result.requestId);
  if (!request) return 'unknown-request';
  const now = deps.clock();
  const task = await repo.task(request.id, result.owner);
  const details = summarise(result);
  if (!task) {
    await appendAudit(em, request.id, now, result.owner, 'owner.result.unexpected', details);
    return 'unexpected-owner';
  }
  const reported = await checkExport(em, deps, request, task, result);
  const mode = request.type === 'access' ? 'first' : 'accumulate';
  if (request.status === 'completed') {
    if (task.status === 'completed' && sameAnswer(task, reported)) return 'unchanged';
    // A later answer is always on the trail; it changes the report only when it adds an effect.
    const late = task.status === 'completed' ? applyResult(task, reported, now, mode) : 'ignored';
    await appendAudit(em, request.id, now, result.owner, late === 'merged' ? 'owner.result.merged' : 'owner.result.late', details);
    return late === 'merged' ? late : 'late';
  }
  const effect = applyResult(task, reported, now, mode);
  if (effect === 'unchanged') return effect;
  const action = effect === 'ignored' ? 'owner.result.ignored' : effect === 'merged' ? 'owner.result.merged' : `owner.${effect}`;
  await appendAudit(em, request.id, now, result.owner, action, summarise({ ...result, ...reported }));
  if (request.status === 'received') request.status = 'in_progress';
  const tasks = await repo.tasks(request.id);
  if (tasks.every((t) => t.status === 'completed')) await complete(em, deps, request, now);
  return effect;
}

/** An access result counts only if the part it speaks of arrived whole. */
async function checkExport(em: EntityManager, deps: Pick<Deps, 'parts'>, request: PrivacyRequest, task: OwnerTask, result: OwnerResultReported): Promise<ReportedResult> {
  if (request.type !== 'access' || result.outcome !== 'completed' || task.status === 'completed') return result;
  const part = await deps.parts.current(em, request.id, task.owner);
  if (part && part.bytes === result.exportBytes) return result;
  return { outcome: 'failed', results: [], error: part ? 'export part size differs from the reported size' : 'export part missing' };
}

async function complete(em: EntityManager, deps: Pick<Deps, 'settings'>, request: PrivacyRequest, now: Date): Promise<void> {
  request.status = 'completed';
  request.completedAt = now;
  const hadCorrections = request.corrections !== null;
  request.corrections = null;
  if (request.type === 'access') request.exportExpiresAt = addDays(now, deps.settings.exportTtlDays);
  enqueue(em, RequestCompleted, { requestId: request.id, type: request.type, occurredAt: now.toISOString() });
  await appendAudit(em, request.id, now, 'system', 'request.completed', {
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
