import type { Invitation } from '../domain/invitation';
import type { Deps } from './deps';

/** The tenant's open invitations, newest first. */
export function listInvitations(deps: Pick<Deps, 'uow' | 'clock'>, tenantId: string): Promise<Invitation[]> {
  return deps.uow.forTenant(tenantId, ({ invitations }) => invitations.listPending(tenantId, deps.clock()));
}
