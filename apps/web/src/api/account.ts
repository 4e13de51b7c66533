import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import type { identityApi } from '@homi/contracts';
import type { z } from 'zod';
import { api } from './client';
import { meKeys, type Me } from './me';

/** Rectifies the person's own data: name and phone at once, a new e-mail address pending its confirmation. */
export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: identityApi.UpdateMe) => api.patch<Me>('/me', body),
    onSuccess: (me) => queryClient.setQueryData(meKeys.all, me),
  });
}

/** Confirms a pending e-mail change with the code mailed to the new address (signed in as the account that asked). */
export function useConfirmEmailChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api.post<Me>('/me/email-confirmations', { token }),
    onSuccess: (me) => queryClient.setQueryData(meKeys.all, me),
  });
}

/** Withdraws a pending e-mail change: the mailed code stops working. */
export function useCancelEmailChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('/me/pending-email'),
    onSuccess: () => {
      queryClient.setQueryData<Me>(meKeys.all, (me) => (me ? { ...me, pendingEmail: null } : me));
      return queryClient.invalidateQueries({ queryKey: meKeys.all });
    },
  });
}

export type AccountDeletion = z.infer<typeof identityApi.AccountDeletion>;
type MemberList = z.infer<typeof identityApi.MemberList>;

/** Deletes the account (and a sole owner's institute); needs a sign-in of at most five minutes ago. */
export function useDeleteAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<AccountDeletion>('/me'),
    // The account keeps no institutes: nothing may lead back into one.
    onSuccess: () => queryClient.setQueryData<Me>(meKeys.all, (me) => (me ? { ...me, memberships: [] } : me)),
  });
}

/**
 * For each institute the person owns: whether they are its only owner — deleting their account then
 * erases the whole institute. Read from the institute's members (an owner may always list them).
 */
export function useSoleOwnership(ownedTenantIds: string[]) {
  return useQueries({
    queries: ownedTenantIds.map((tenantId) => ({
      queryKey: ['tenants', tenantId, 'members'] as const,
      queryFn: () => api.get<MemberList>(`/tenants/${tenantId}/members`),
    })),
    combine: (results) => ({
      pending: results.some((r) => r.isPending),
      error: results.find((r) => r.isError)?.error,
      sole: new Set(
        results.flatMap((r, i) => (r.data && r.data.items.filter((m) => m.role === 'owner').length <= 1 ? [ownedTenantIds[i]!] : [])),
      ),
    }),
  });
}
