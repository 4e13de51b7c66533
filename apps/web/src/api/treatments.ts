import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { tenantDataApi } from '@homi/contracts';
import { api } from './client';

export type Treatment = tenantDataApi.Treatment;

export const treatmentKeys = {
  all: (tenantId: string) => ['tenants', tenantId, 'treatments'] as const,
};

/** The institute's treatments (agenda:view), deactivated ones too; by name. */
export function useTreatments(tenantId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: treatmentKeys.all(tenantId),
    queryFn: async () => (await api.get<{ items: Treatment[] }>(`/tenants/${tenantId}/treatments`)).items,
    ...options,
  });
}

/** Adds a treatment (settings:edit); the list is asked again. */
export function useCreateTreatment(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: tenantDataApi.CreateTreatment) => api.post<Treatment>(`/tenants/${tenantId}/treatments`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: treatmentKeys.all(tenantId) }),
  });
}

/** Changes a treatment (settings:edit): `active: false` takes it out of the booking form, `true` brings it back. */
export function useUpdateTreatment(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: tenantDataApi.UpdateTreatment & { id: string }) => api.patch<Treatment>(`/tenants/${tenantId}/treatments/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: treatmentKeys.all(tenantId) }),
  });
}
