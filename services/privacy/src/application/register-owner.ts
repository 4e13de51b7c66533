import type { OwnerAnnounced } from '@homi/contracts';
import type { Repositories } from './ports';

/** Keeps the newest declaration of each owner; owners registered now take part in later requests. */
export function registerOwner({ owners }: Pick<Repositories, 'owners'>, event: OwnerAnnounced) {
  return owners.announce(event.declaration, new Date(event.occurredAt));
}
