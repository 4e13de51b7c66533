import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { usageApi } from '@homi/contracts';
import { api } from './client';

export type TenantUsage = usageApi.TenantUsage;

export const usageKeys = {
  tenant: (tenantId: string, from: string, to: string) => ['tenants', tenantId, 'usage', from, to] as const,
};

/** The institute's own requests and actions per UTC day and module, `from` to `to` inclusive (reports:view). */
export function useTenantUsage(tenantId: string, from: string, to: string) {
  return useQuery({
    queryKey: usageKeys.tenant(tenantId, from, to),
    queryFn: () => api.get<TenantUsage>(`/tenants/${tenantId}/usage`, { from, to }),
    placeholderData: keepPreviousData,
  });
}
