import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { identityApi } from '@homi/contracts';
import { api } from './client';
import { meKeys } from './me';

export type Member = identityApi.Member;
export type StaffMember = identityApi.StaffMember;
export type Invitation = identityApi.Invitation;

const members = (tenantId: string) => `/tenants/${tenantId}/members`;
const invitations = (tenantId: string) => `/tenants/${tenantId}/invitations`;

/** Query keys of one institute's colleagues and open invitations. */
export const memberKeys = {
  all: (tenantId: string) => ['tenants', tenantId, 'members'] as const,
  list: (tenantId: string) => [...memberKeys.all(tenantId), 'list'] as const,
  invitations: (tenantId: string) => [...memberKeys.all(tenantId), 'invitations'] as const,
  staff: (tenantId: string) => [...memberKeys.all(tenantId), 'staff'] as const,
};

/** The institute's members with their role and module permissions (users:view). */
export function useMembers(tenantId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: memberKeys.list(tenantId),
    queryFn: async () => (await api.get<{ items: Member[] }>(members(tenantId))).items,
    // Colleagues join by accepting an invitation elsewhere: a page that shows them asks again.
    staleTime: 0,
    ...options,
  });
}

/**
 * The colleagues who can be booked, by id and name (agenda:view): the agenda's columns and staff
 * picker, for receptionists too, who may not read the member list itself.
 */
export function useStaff(tenantId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: memberKeys.staff(tenantId),
    queryFn: async () => (await api.get<{ items: StaffMember[] }>(`/tenants/${tenantId}/staff`)).items,
    // Colleagues join and leave elsewhere: a page that shows them asks again.
    staleTime: 0,
    ...options,
  });
}

/** Invitations not yet accepted, declined, withdrawn or expired; newest first. */
export function useInvitations(tenantId: string) {
  return useQuery({
    queryKey: memberKeys.invitations(tenantId),
    queryFn: async () => (await api.get<{ items: Invitation[] }>(invitations(tenantId))).items,
    staleTime: 0,
  });
}

/** Invites a colleague: 202 with the pending invitation, the same whether or not the address has an account. */
export function useInviteMember(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: identityApi.AddMember) => api.post<Invitation>(members(tenantId), body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: memberKeys.invitations(tenantId) }),
  });
}

export function useRevokeInvitation(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => api.delete(`${invitations(tenantId)}/${invitationId}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: memberKeys.invitations(tenantId) }),
  });
}

export function useUpdateMember(tenantId: string, userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: identityApi.UpdateMember) => api.patch<Member>(`${members(tenantId)}/${userId}`, body),
    onSuccess: (member) => {
      queryClient.setQueryData<Member[]>(memberKeys.list(tenantId), (list) => list?.map((one) => (one.userId === member.userId ? member : one)));
      return queryClient.invalidateQueries({ queryKey: memberKeys.list(tenantId) });
    },
  });
}

/**
 * Removes a colleague. The list is only marked stale: the removed colleague's own page may still be
 * open (and would turn into "not found"); the list fetches again when it is shown. When it was the
 * person themselves, their memberships change too.
 */
export function useRemoveMember(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.delete(`${members(tenantId)}/${userId}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: memberKeys.list(tenantId), refetchType: 'none' });
      void queryClient.invalidateQueries({ queryKey: meKeys.all });
    },
  });
}
