import { RequestCompletedWithGaps } from '@homi/contracts';
import { SYSTEM_ACTOR } from '../domain/audit';
import { addDays, type PrivacyRequest } from '../domain/request';
import type { OwnerTask } from '../domain/task';
import { commandOwners } from './command-owners';
import type { Settings } from './deps';
import type { Repositories } from './ports';

/**
 * Answers a request whose deadline passed with owners still silent (ADR 42): `completed_with_gaps`,
 * naming them, with what the others reported (an access package of the parts that arrived). The
 * silent owners stay commanded; when the last answers, the request completes. A request no owner
 * was ever commanded for commands every configured owner now, so the gaps are named tasks too.
 */
export async function closeWithGaps(
  repositories: Pick<Repositories, 'requests' | 'events' | 'audit'>,
  settings: Settings,
  request: PrivacyRequest,
  tasks: OwnerTask[],
  now: Date,
): Promise<string[]> {
  let silent = tasks.filter((t) => t.status !== 'completed').map((t) => t.owner);
  if (tasks.length === 0) {
    await commandOwners(repositories, settings, request, settings.owners.map((owner) => ({ owner })), now);
    silent = [...settings.owners];
  }
  if (silent.length === 0) return [];
  request.status = 'completed_with_gaps';
  request.completedAt = now;
  // The corrections stay: a silent owner that answers late still needs them.
  if (request.type === 'access') request.exportExpiresAt = addDays(now, settings.exportTtlDays);
  const dueAt = request.dueAt.toISOString();
  repositories.events.publish(RequestCompletedWithGaps, { requestId: request.id, type: request.type, silentOwners: silent, dueAt, occurredAt: now.toISOString() });
  await repositories.audit.append(request.id, now, SYSTEM_ACTOR, 'request.completed-with-gaps', { silentOwners: silent, dueAt });
  return silent;
}
