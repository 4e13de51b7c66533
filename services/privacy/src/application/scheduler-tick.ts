import type { EntityManager } from '@mikro-orm/postgresql';
import { RequestDeadlineApproaching } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import { addDays, ESCALATION_DAYS, REMINDER_DAYS, type PrivacyRequest } from '../domain/request';
import { MAX_ATTEMPTS, type OwnerTask } from '../domain/task';
import { appendAudit, SYSTEM_ACTOR } from '../infrastructure/audit-trail';
import { OwnerRegistry } from '../infrastructure/owner-registry';
import { RequestRepository } from '../infrastructure/request-repository';
import { commandOwners } from './command-owners';
import type { Deps } from './deps';

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
 * uploads a crash left unfinished. (Expired export packages go with the retention job, retention.ts.) Each request is handled in its own transaction under a
 * `for update skip locked` lock, so replicas running the same turn never act on one request twice.
 */
export async function schedulerTick(deps: Deps): Promise<TickSummary> {
  const now = deps.clock();
  const summary: TickSummary = { recommanded: 0, reminders: 0, escalations: 0 };
  for (const id of await dueRequests(deps.db.fork(), now)) {
    await deps.db.transaction(async (em) => {
      const request = await new RequestRepository(em).lockUnlessBusy(id);
      if (request && request.status !== 'completed') await attend(em, deps, request, now, summary);
    });
  }
  await deps.parts.deleteUnfinishedBefore(deps.db.fork(), new Date(now.getTime() - UNFINISHED_UPLOAD_MS));
  return summary;
}

async function dueRequests(em: EntityManager, now: Date): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `select r.id from requests r
      where r.status <> 'completed' and (
        (not exists (select 1 from request_tasks t where t.request_id = r.id) and exists (select 1 from owners))
        or exists (select 1 from request_tasks t where t.request_id = r.id and t.status <> 'completed' and t.next_command_at <= ? and r.commands < ?)
        or (r.reminded_at is null and r.due_at <= ?)
        or (r.escalated_at is null and r.due_at <= ?))
      order by r.due_at limit ${BATCH}`,
    [now, MAX_ATTEMPTS, addDays(now, REMINDER_DAYS), addDays(now, ESCALATION_DAYS)],
  );
  return rows.map((r) => r.id);
}

async function attend(em: EntityManager, deps: Deps, request: PrivacyRequest, now: Date, summary: TickSummary): Promise<void> {
  const tasks = await new RequestRepository(em).tasks(request.id);
  if (tasks.length === 0) {
    // Recorded while no owner was registered: the owners known now take it on.
    const owners = await new OwnerRegistry(em).names();
    if (await commandOwners(em, deps.settings, request, owners.map((owner) => ({ owner })), now)) summary.recommanded += owners.length;
  } else {
    const due = tasks.filter((t) => t.status !== 'completed' && t.nextCommandAt && t.nextCommandAt.getTime() <= now.getTime());
    if (await commandOwners(em, deps.settings, request, due.map((task) => ({ owner: task.owner, task })), now)) summary.recommanded += due.length;
  }
  const silent = tasks.filter((t: OwnerTask) => t.status !== 'completed').map((t) => t.owner);
  const left = request.dueAt.getTime() - now.getTime();
  if (!request.remindedAt && left <= REMINDER_DAYS * 86_400_000) {
    request.remindedAt = now;
    await warn(em, request, 'reminder', silent, now);
    summary.reminders++;
  }
  if (!request.escalatedAt && left <= ESCALATION_DAYS * 86_400_000) {
    request.escalatedAt = now;
    await warn(em, request, 'escalation', silent, now);
    summary.escalations++;
  }
}

async function warn(em: EntityManager, request: PrivacyRequest, level: 'reminder' | 'escalation', silentOwners: string[], now: Date) {
  enqueue(em, RequestDeadlineApproaching, { requestId: request.id, dueAt: request.dueAt.toISOString(), silentOwners, level, occurredAt: now.toISOString() });
  await appendAudit(em, request.id, now, SYSTEM_ACTOR, `deadline.${level}`, { dueAt: request.dueAt.toISOString(), silentOwners });
}
