import type { CategoryResult } from '@homi/contracts';
import { canonicalJson } from './audit';

export type TaskStatus = 'pending' | 'completed' | 'failed';

/** One owner's share of one request: commanded, then answered (or retried until it answers). */
export class OwnerTask {
  status: TaskStatus = 'pending';
  attempts = 1;
  results: CategoryResult[] = [];
  exportBytes: number | null = null;
  error: string | null = null;
  answeredAt: Date | null = null;
  /** When the scheduler commands this owner again unless it has answered `completed` by then. */
  nextCommandAt: Date | null;

  constructor(
    readonly requestId: string,
    readonly owner: string,
    public lastCommandedAt: Date,
    nextCommandAt: Date,
  ) {
    this.nextCommandAt = nextCommandAt;
  }
}

/** The contract allows attempts 1 to 100; past that an owner is left to the escalation. */
export const MAX_ATTEMPTS = 100;

/**
 * How long to wait for an answer after the n-th command: RETRY_AFTER doubled per attempt, capped,
 * so that 100 attempts last beyond the longest possible deadline (4 weeks + 2 months).
 */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30), maxMs);
}

export interface ReportedResult {
  outcome: 'completed' | 'failed';
  results: CategoryResult[];
  exportBytes?: number;
  error?: string;
}

export type ResultEffect = 'completed' | 'failed' | 'unchanged' | 'ignored' | 'merged';

/**
 * How later answers of a completed task count. `first`: the first answer stands (an access
 * export is one upload). `accumulate`: an owner answers an erasure or rectification with the
 * total of every run of that request's command so far (privacy-kit's `answerCumulatively`, ADR 58),
 * so answers only grow: the largest count per category and action stands, whichever answer
 * arrives first, and the same total arriving twice changes nothing.
 */
export type AnswerMode = 'first' | 'accumulate';

export function mergeResults(recorded: CategoryResult[], later: CategoryResult[]): CategoryResult[] {
  const merged = recorded.map((r) => ({ ...r }));
  for (const r of later) {
    const same = merged.find((m) => m.category === r.category && m.action === r.action);
    if (!same) merged.push({ ...r });
    else same.records = Math.max(same.records, r.records);
  }
  return merged;
}

/**
 * What an owner's answer does to its task. A completed task stays as it was first answered (a
 * second erasure run finds nothing left and reports zero, which must not overwrite the report);
 * an answer identical to the recorded one changes nothing.
 */
export function applyResult(task: OwnerTask, result: ReportedResult, now: Date, mode: AnswerMode = 'first'): ResultEffect {
  if (task.status === 'completed') {
    if (mode === 'first' || result.outcome !== 'completed') return sameAnswer(task, result) ? 'unchanged' : 'ignored';
    const merged = mergeResults(task.results, result.results);
    if (canonicalJson(merged) === canonicalJson(task.results)) return 'unchanged';
    task.results = merged;
    return 'merged';
  }
  if (result.outcome === 'failed' && task.status === 'failed' && task.error === (result.error ?? null)) return 'unchanged';
  task.status = result.outcome;
  task.answeredAt = now;
  if (result.outcome === 'completed') {
    task.results = result.results;
    task.exportBytes = result.exportBytes ?? null;
    task.error = null;
    task.nextCommandAt = null;
  } else {
    task.error = result.error ?? 'failed';
  }
  return result.outcome;
}

/** Whether a completed task already holds exactly this answer. */
export function sameAnswer(task: OwnerTask, result: ReportedResult): boolean {
  return (
    result.outcome === 'completed' &&
    (result.exportBytes ?? null) === task.exportBytes &&
    canonicalJson(result.results) === canonicalJson(task.results)
  );
}
