import { AUDIT_ACTIONS } from '../domain/audit-entry';
import type { Deps } from './deps';
import { usableInvitation } from './invitation-by-token';
import { INVITATION_BY_TOKEN } from './preview-invitation';

/** The holder of the code says no; no account is needed for that. Audited in the tenant's log. */
export async function declineInvitation(deps: Pick<Deps, 'uow' | 'clock'>, token: string): Promise<void> {
  const now = deps.clock();
  await deps.uow.acrossTenants(INVITATION_BY_TOKEN, async ({ invitations, audit }) => {
    const invitation = await usableInvitation(invitations, token, now, true);
    invitation.decide('declined', now);
    await invitations.save(invitation);
    await audit.append({
      tenantId: invitation.tenantId, at: now, actor: { kind: 'system' }, action: AUDIT_ACTIONS.invitationDeclined, details: { invitationId: invitation.id },
    });
  });
}
