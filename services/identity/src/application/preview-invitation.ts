import type { Invitation } from '../domain/invitation';
import type { Deps } from './deps';
import { usableInvitation } from './invitation-by-token';

/** What the holder of an invitation's code sees before deciding: the institute, the role, the address. */
export function previewInvitation(deps: Deps, token: string): Promise<{ invitation: Invitation; instituteName: string }> {
  return deps.scopes.user(async (em) => {
    const invitation = await usableInvitation(em, token, deps.clock());
    const [tenant] = await em.execute<{ institute_name: string }[]>('select institute_name from tenants where id = ?', [invitation.tenantId]);
    return { invitation, instituteName: tenant?.institute_name ?? '' };
  });
}
