import { useQuery } from '@tanstack/react-query';
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
