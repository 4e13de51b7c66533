import { useMutation, useQuery } from '@tanstack/react-query';
import type { identityApi } from '@homi/contracts';
import type { z } from 'zod';
import { api } from './client';

export type InvitationPreview = identityApi.InvitationPreview;
export type InvitationAccepted = z.infer<typeof identityApi.InvitationAccepted>;

// The invitation's code is a secret from a mail: it travels only in request bodies, never in a URL,
// and is kept in memory only (the query key holds it for this page's lifetime).
export const invitationKeys = {
  lookup: (token: string) => ['invitations', 'lookup', token] as const,
};

/** What the invitation offers: the institute, the role, the permissions and the invited address (public). */
export function useInvitationLookup(token: string | undefined) {
  return useQuery({
    queryKey: invitationKeys.lookup(token ?? ''),
    queryFn: () => api.post<InvitationPreview>('/invitation-lookups', { token }),
    enabled: Boolean(token),
    staleTime: Infinity,
    gcTime: 0,
  });
}

/** A new account through the invitation: the invited address, verified by the code (public). */
export function useInvitationSignup() {
  return useMutation({ mutationFn: (body: identityApi.InvitationSignup) => api.post<identityApi.SignupResult>('/invitation-signups', body) });
}

/** Accepts with the signed-in account, whose address must be the invited one. */
export function useAcceptInvitation() {
  return useMutation({ mutationFn: (token: string) => api.post<InvitationAccepted>('/invitation-acceptances', { token }) });
}

/** Declines without an account: the code proves the mailbox (public). */
export function useDeclineInvitation() {
  return useMutation({ mutationFn: (token: string) => api.post<void>('/invitation-declines', { token }) });
}
