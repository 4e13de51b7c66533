import type { Invitation } from '../domain/invitation';
import type { Deps } from './deps';
import { usableInvitation } from './invitation-by-token';

/** Why reading by a mailed token crosses tenants: its holder is no member (yet) of the invitation's tenant. */
export const INVITATION_BY_TOKEN = 'an invitation found by its mailed token, whose holder is no member of its tenant yet';

/** What the holder of an invitation's code sees before deciding: the institute, the role, the address. */
export function previewInvitation(deps: Pick<Deps, 'uow' | 'clock'>, token: string): Promise<{ invitation: Invitation; instituteName: string }> {
  return deps.uow.acrossTenants(INVITATION_BY_TOKEN, async ({ invitations, tenants }) => {
    const invitation = await usableInvitation(invitations, token, deps.clock());
    return { invitation, instituteName: (await tenants.get(invitation.tenantId))?.instituteName ?? '' };
  });
}
