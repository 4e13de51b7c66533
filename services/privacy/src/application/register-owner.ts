import type { OwnerAnnounced } from '@homi/contracts';
import type { Settings } from './deps';
import { judgeAnnouncement } from './known-owners';
import type { Repositories } from './ports';

export type RegisterOutcome = 'registered' | 'updated' | 'older' | 'refused-unknown-owner' | 'refused-subject-mismatch';

/**
 * Keeps the newest declaration of each owner the configuration names, announced on that owner's own
 * subject; owners registered now take part in later requests. Anything else changes nothing.
 */
export async function registerOwner(
  { owners }: Pick<Repositories, 'owners'>,
  settings: Pick<Settings, 'owners'>,
  subjectOwner: string | undefined,
  event: OwnerAnnounced,
): Promise<RegisterOutcome> {
  const verdict = judgeAnnouncement(settings.owners, subjectOwner, event.declaration.owner);
  if (verdict !== 'accepted') return `refused-${verdict}`;
  return owners.announce(event.declaration, new Date(event.occurredAt));
}
