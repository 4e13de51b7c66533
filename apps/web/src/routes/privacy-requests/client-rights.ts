import type { Membership } from '../../api/me';
import type { PrivacyRequest } from '../../api/privacy-requests';
import { can, useCan } from '../../permissions/use-can';
import { useOptionalTenant } from '../../permissions/tenant-context';

/**
 * The institute is the controller of its clients' data: its owners and admins act for it, with the
 * client rights a request needs — clients:view to see the data (access), clients:edit to correct or
 * erase it. The same rule as the API's (403 `client-permission-required`), only for what to show.
 */
const actsForInstitute = (membership: Membership | undefined) => membership?.role === 'owner' || membership?.role === 'admin';

/** In the current institute: which requests about a client this person may make. */
export function useClientPrivacyRights() {
  const membership = useOptionalTenant();
  const view = useCan('clients', 'view');
  const edit = useCan('clients', 'edit');
  const acts = actsForInstitute(membership);
  return { access: acts && view, change: acts && edit, actsForInstitute: acts };
}

/** Whether the requester of a request about a client may extend its deadline now (the API's `extension-not-allowed` rule). */
export function mayExtend(request: PrivacyRequest, memberships: Membership[]): boolean {
  if (request.subject.kind !== 'client') return false;
  const { tenantId } = request.subject;
  const membership = memberships.find((m) => m.tenantId === tenantId);
  return actsForInstitute(membership) && can(membership!, 'clients', request.type === 'access' ? 'view' : 'edit');
}
