import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { privacyApi } from '@homi/contracts';
import { api } from './client';
import { saveFile } from './save-file';

export type InstituteExport = privacyApi.InstituteExport;

export const instituteExportKeys = {
  all: (tenantId: string) => ['tenants', tenantId, 'exports'] as const,
};

const POLL_MS = 3000;

/** The institute's recent exports (owners only), asked again every few seconds while one is under way. */
export function useInstituteExports(tenantId: string) {
  return useQuery({
    queryKey: instituteExportKeys.all(tenantId),
    queryFn: async () => (await api.get<{ items: InstituteExport[] }>(`/tenants/${tenantId}/exports`)).items,
    refetchInterval: (query) => (query.state.data?.some((e) => e.status === 'in_progress') ? POLL_MS : false),
  });
}

/** Starts an export of everything the institute holds; while one runs, the API answers that one. */
export function useStartInstituteExport(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<InstituteExport>(`/tenants/${tenantId}/exports`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: instituteExportKeys.all(tenantId) }),
  });
}

/** Downloads a ready export's zip with the bearer token in the header, then hands it to the browser's save. */
export function useDownloadInstituteExport(tenantId: string, id: string) {
  return useMutation({
    mutationFn: async () => saveFile(await api.download(`/tenants/${tenantId}/exports/${id}`, 'application/zip'), `homi-institute-export-${id}.zip`),
  });
}
