import { AUDIT_ACTIONS } from '../domain/audit-entry';
import { appendAudit } from '../infrastructure/audit-log';
import type { Deps } from './deps';
import { usableInvitation } from './invitation-by-token';

/** The holder of the code says no; no account is needed for that. Audited in the tenant's log. */
export async function declineInvitation(deps: Deps, token: string): Promise<void> {
  const now = deps.clock();
  await deps.scopes.user(async (em) => {
    const invitation = await usableInvitation(em, token, now, true);
    invitation.decide('declined', now);
    await em.flush();
    await appendAudit(em, {
      tenantId: invitation.tenantId, at: now, actor: { kind: 'system' }, action: AUDIT_ACTIONS.invitationDeclined, details: { invitationId: invitation.id },
    });
  });
}
