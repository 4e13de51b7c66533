import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { identityApi, usageApi } from '@homi/contracts';
import { api } from './client';
import { statementKeys, type PrivacyStatement } from './privacy-statements';

// The operator's routes (realm role `operator`, after a recent sign-in with a second factor):
// publishing a privacy statement version and the platform's k-anonymous usage statistics.

export type UsageStatistics = usageApi.UsageStatistics;

export const operatorKeys = {
  usage: (from: string, to: string) => ['admin', 'usage', from, to] as const,
};

/** Publishes a new statement version; every user accepts it before working in an institute again. */
export function usePublishStatement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: identityApi.PublishPrivacyStatement) => api.post<PrivacyStatement>('/admin/privacy-statements', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: statementKeys.all }),
  });
}

/** Usage per UTC day and module over every institute; buckets of fewer than `k` institutes are left out. */
export function usePlatformUsage(from: string, to: string) {
  return useQuery({
    queryKey: operatorKeys.usage(from, to),
    queryFn: () => api.get<UsageStatistics>('/admin/usage', { from, to }),
    placeholderData: keepPreviousData,
  });
}
