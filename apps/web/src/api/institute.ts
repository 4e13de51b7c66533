import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { tenantDataApi } from '@homi/contracts';
import { api } from './client';

export type InstituteProfile = tenantDataApi.InstituteProfile;

export const instituteKeys = {
  profile: (tenantId: string) => ['tenants', tenantId, 'institute'] as const,
};

/** The institute profile (any member), with its reminder lead time. */
export function useInstitute(tenantId: string) {
  return useQuery({ queryKey: instituteKeys.profile(tenantId), queryFn: () => api.get<InstituteProfile>(`/tenants/${tenantId}`) });
}

/** Changes the institute profile (settings:edit); a new lead time moves every reminder not yet sent. */
export function useUpdateInstitute(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: tenantDataApi.UpdateInstitute) => api.patch<InstituteProfile>(`/tenants/${tenantId}`, body),
    onSuccess: (profile) => queryClient.setQueryData(instituteKeys.profile(tenantId), profile),
  });
}
