import type { Membership } from '../../api/me';
import { grantMembership, runningGrantIn, useMyAccessRequests } from '../../api/support-requests';
import { useRealmRole } from '../../permissions/use-can';

/**
 * For a HOMi support user inside /t/$tenantId: what their running grant of that institute lets the
 * pages show (see grantMembership), or undefined (no grant, or not a support user).
 */
export function useGrantMembership(tenantId: string | undefined): Membership | undefined {
  const support = useRealmRole('support');
  const requests = useMyAccessRequests({ enabled: support && tenantId !== undefined });
  if (!support || !tenantId || !requests.data) return undefined;
  const running = runningGrantIn(requests.data.items, tenantId);
  return running ? grantMembership(running) : undefined;
}
