import { RequestCommanded } from '@homi/contracts';
import type { PrivacyRequest } from '../domain/request';
import { MAX_ATTEMPTS, OwnerTask, retryDelayMs } from '../domain/task';
import { SYSTEM_ACTOR } from '../domain/audit';
import type { Settings } from './deps';
import type { Repositories } from './ports';

/**
 * Commands `owners` to act on the request: new tasks for owners seen for the first time, one more
 * attempt for the others, and one RequestCommanded (a new message id) in the outbox, all in the
 * caller's unit of work. False when the request has used up the attempts the contract allows.
 */
export async function commandOwners(
  { requests, events, audit }: Pick<Repositories, 'requests' | 'events' | 'audit'>,
  settings: Settings,
  request: PrivacyRequest,
  owners: { owner: string; task?: OwnerTask }[],
  now: Date,
): Promise<boolean> {
  if (owners.length === 0 || request.commands >= MAX_ATTEMPTS) return false;
  request.commands += 1;
  for (const { owner, task } of owners) {
    if (task) {
      task.attempts += 1;
      task.lastCommandedAt = now;
      task.nextCommandAt = next(now, task.attempts, settings);
    } else {
      requests.addTask(new OwnerTask(request.id, owner, now, next(now, 1, settings)));
    }
  }
  const names = owners.map((o) => o.owner);
  events.publish(RequestCommanded, {
    requestId: request.id,
    type: request.type,
    subject: request.subject,
    owners: names,
    attempt: request.commands,
    occurredAt: now.toISOString(),
  });
  await audit.append(request.id, now, SYSTEM_ACTOR, 'owners.commanded', { owners: names, attempt: request.commands });
  return true;
}

const next = (now: Date, attempt: number, s: Settings) => new Date(now.getTime() + retryDelayMs(attempt, s.retryAfterMs, s.retryMaxMs));
