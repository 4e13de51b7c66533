import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { identityApi } from '@homi/contracts';
import { api } from './client';
import { isProblem } from './problem';

export type Me = identityApi.Me;
export type Membership = Me['memberships'][number];

export const meKeys = {
  all: ['me'] as const,
};

/** The signed-in person: profile, memberships with module permissions, statement versions. */
export function useMe(options: { enabled?: boolean } = {}) {
  // An answer that failed stays failed when another component mounts: HOMi staff have no account (404),
  // and fetching again on every mount made the shell (pending again) and its page mount each other in a loop.
  return useQuery({ queryKey: meKeys.all, queryFn: () => api.get<Me>('/me'), staleTime: 60_000, retryOnMount: false, ...options });
}

const GATE_CHECKS = 15;
const GATE_CHECK_MS = 200;

/**
 * The gateway learns of an acceptance from identity within about a second: until then an
 * institute's routes still answer `privacy-statement-acceptance-required`. Waits (at most ~3 s) until
 * one of the person's institutes lets them in, so the page they return to does not bounce back.
 */
async function untilGateOpens(tenantId: string): Promise<void> {
  for (let check = 0; check < GATE_CHECKS; check++) {
    try {
      await api.get(`/tenants/${tenantId}`);
      return;
    } catch (error) {
      if (!isProblem(error, 'privacy-statement-acceptance-required')) return;
      await new Promise((resolve) => setTimeout(resolve, GATE_CHECK_MS));
    }
  }
}

/** Accepts a privacy statement version; everything the gate held back is fetched again. */
export function useAcceptStatement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ version, tenantId }: identityApi.AcceptPrivacyStatement & { tenantId?: string }) => {
      await api.post<void>('/me/privacy-statement-acceptances', { version });
      if (tenantId) await untilGateOpens(tenantId);
    },
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
