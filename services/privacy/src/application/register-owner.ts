import type { EntityManager } from '@mikro-orm/postgresql';
import type { OwnerAnnounced } from '@homi/contracts';
import { OwnerRegistry } from '../infrastructure/owner-registry';

/** Keeps the newest declaration of each owner; owners registered now take part in later requests. */
export function registerOwner(em: EntityManager, event: OwnerAnnounced) {
  return new OwnerRegistry(em).announce(event.declaration, new Date(event.occurredAt));
}
