import type { EntityManager } from '@mikro-orm/postgresql';
import { RequestCommanded } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import type { PrivacyRequest } from '../domain/request';
import { MAX_ATTEMPTS, OwnerTask, retryDelayMs } from '../domain/task';
import { appendAudit, SYSTEM_ACTOR } from '../infrastructure/audit-trail';
import type { Settings } from './deps';

/**
 * Commands `owners` to act on the request: new tasks for owners seen for the first time, one more
 * attempt for the others, and one RequestCommanded (a new message id) in the outbox, all in the
 * caller's transaction. False when the request has used up the attempts the contract allows.
 */
export async function commandOwners(
  em: EntityManager,
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
      em.persist(new OwnerTask(request.id, owner, now, next(now, 1, settings)));
    }
  }
  const names = owners.map((o) => o.owner);
  enqueue(em, RequestCommanded, {
    requestId: request.id,
    type: request.type,
    subject: request.subject,
    owners: names,
    attempt: request.commands,
    occurredAt: now.toISOString(),
  });
  await appendAudit(em, request.id, now, SYSTEM_ACTOR, 'owners.commanded', { owners: names, attempt: request.commands });
  return true;
}

const next = (now: Date, attempt: number, s: Settings) => new Date(now.getTime() + retryDelayMs(attempt, s.retryAfterMs, s.retryMaxMs));
