import type { Invitation } from '../domain/invitation';
import { InvitationRepository } from '../infrastructure/invitation-repository';
import type { Deps } from './deps';

/** The tenant's open invitations, newest first. */
export function listInvitations(deps: Deps, tenantId: string): Promise<Invitation[]> {
  return deps.scopes.tenant(tenantId, (em) => new InvitationRepository(em).listPending(tenantId, deps.clock()));
}
