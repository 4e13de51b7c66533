import { RequestDeadlineApproaching } from '@homi/contracts';
import { SYSTEM_ACTOR } from '../domain/audit';
import { addDays, ESCALATION_DAYS, REMINDER_DAYS, type PrivacyRequest } from '../domain/request';
import { MAX_ATTEMPTS } from '../domain/task';
import { commandOwners } from './command-owners';
import type { Deps } from './deps';
import type { Repositories } from './ports';
import { REQUEST_WORK } from './request-work';

const BATCH = 100;
const UNFINISHED_UPLOAD_MS = 24 * 3600_000;

export interface TickSummary {
  recommanded: number;
  reminders: number;
  escalations: number;
}

/**
 * One turn of the scheduler: commands silent or failed owners again, warns before the deadline
 * (a reminder 7 days before, an escalation 3 days before, once each per deadline), and clears away
 * uploads a crash left unfinished. (Expired export packages go with the retention job, retention.ts.)
 * Each request is handled in its own unit of work under a `for update skip locked` lock
 * (`lockUnlessBusy`), so replicas running the same turn never act on one request twice.
 */
export async function schedulerTick(deps: Pick<Deps, 'uow' | 'clock' | 'settings'>): Promise<TickSummary> {
  const now = deps.clock();
  const summary: TickSummary = { recommanded: 0, reminders: 0, escalations: 0 };
  const due = await deps.uow.acrossTenants(REQUEST_WORK, async ({ requests, owners }) =>
    requests.needingAttention({
      now,
      maxCommands: MAX_ATTEMPTS,
      ownersRegistered: (await owners.names()).length > 0,
      remindDueBy: addDays(now, REMINDER_DAYS),
      escalateDueBy: addDays(now, ESCALATION_DAYS),
      limit: BATCH,
    }),
  );
  for (const id of due) {
    await deps.uow.acrossTenants(REQUEST_WORK, async (repositories) => {
      const request = await repositories.requests.lockUnlessBusy(id);
      if (request && request.status !== 'completed') await attend(repositories, deps, request, now, summary);
    });
  }
  await deps.uow.acrossTenants(REQUEST_WORK, ({ parts }) => parts.deleteUnfinishedBefore(new Date(now.getTime() - UNFINISHED_UPLOAD_MS)));
  return summary;
}

async function attend(repositories: Repositories, deps: Pick<Deps, 'settings'>, request: PrivacyRequest, now: Date, summary: TickSummary): Promise<void> {
  const tasks = await repositories.requests.tasks(request.id);
  if (tasks.length === 0) {
    // Recorded while no owner was registered: the owners known now take it on.
    const owners = await repositories.owners.names();
    if (await commandOwners(repositories, deps.settings, request, owners.map((owner) => ({ owner })), now)) summary.recommanded += owners.length;
  } else {
    const due = tasks.filter((t) => t.status !== 'completed' && t.nextCommandAt && t.nextCommandAt.getTime() <= now.getTime());
    if (await commandOwners(repositories, deps.settings, request, due.map((task) => ({ owner: task.owner, task })), now)) summary.recommanded += due.length;
  }
  const silent = tasks.filter((t) => t.status !== 'completed').map((t) => t.owner);
  const left = request.dueAt.getTime() - now.getTime();
  if (!request.remindedAt && left <= REMINDER_DAYS * 86_400_000) {
    request.remindedAt = now;
    await warn(repositories, request, 'reminder', silent, now);
    summary.reminders++;
  }
  if (!request.escalatedAt && left <= ESCALATION_DAYS * 86_400_000) {
    request.escalatedAt = now;
    await warn(repositories, request, 'escalation', silent, now);
    summary.escalations++;
  }
}

async function warn({ events, audit }: Pick<Repositories, 'events' | 'audit'>, request: PrivacyRequest, level: 'reminder' | 'escalation', silentOwners: string[], now: Date) {
  events.publish(RequestDeadlineApproaching, { requestId: request.id, dueAt: request.dueAt.toISOString(), silentOwners, level, occurredAt: now.toISOString() });
  await audit.append(request.id, now, SYSTEM_ACTOR, `deadline.${level}`, { dueAt: request.dueAt.toISOString(), silentOwners });
}
