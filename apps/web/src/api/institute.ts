import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { tenantDataApi } from '@homi/contracts';
import { api } from './client';
import { meKeys, type Me } from './me';

export type InstituteProfile = tenantDataApi.InstituteProfile;

export const instituteKeys = {
  profile: (tenantId: string) => ['tenants', tenantId, 'institute'] as const,
};

/** The institute profile (any member), with its reminder lead time. */
export function useInstitute(tenantId: string) {
  return useQuery({ queryKey: instituteKeys.profile(tenantId), queryFn: () => api.get<InstituteProfile>(`/tenants/${tenantId}`) });
}

/** Changes the institute profile (settings:edit); a new lead time moves every reminder not yet sent, a new name shows at once. */
export function useUpdateInstitute(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: tenantDataApi.UpdateInstitute) => api.patch<InstituteProfile>(`/tenants/${tenantId}`, body),
    onSuccess: (profile) => {
      queryClient.setQueryData(instituteKeys.profile(tenantId), profile);
      // The name in the header and the institute switcher comes from /me, which follows the profile a
      // moment later (ADR 74): shown at once rather than after the next read of /me.
      queryClient.setQueryData<Me>(meKeys.all, (me) =>
        me && { ...me, memberships: me.memberships.map((m) => (m.tenantId === tenantId ? { ...m, instituteName: profile.name } : m)) });
    },
  });
}
