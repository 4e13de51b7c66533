import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { tenantDataApi } from '@homi/contracts';
import { api } from './client';
import { clientKeys } from './clients';

export type ClientImportReport = tenantDataApi.ClientImportReport;

/**
 * Sends a client file (CSV) to be checked (`dryRun`) or imported. The file goes as it is, as
 * text/csv: the server reads it streamed, whatever the browser guessed its type to be.
 */
export function useImportClients(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: Blob; dryRun: boolean }) =>
      api.upload<ClientImportReport>(`/tenants/${tenantId}/client-imports`, { data: file, contentType: 'text/csv' }, { dryRun: dryRun || undefined }),
    onSuccess: async (report) => {
      if (!report.dryRun) await queryClient.invalidateQueries({ queryKey: clientKeys.all(tenantId) });
    },
  });
}
