import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { privacyApi } from '@homi/contracts';
import type { z } from 'zod';
import { api } from './client';
import { clientKeys } from './clients';
import { saveFile } from './save-file';

export type PrivacyRequest = z.infer<typeof privacyApi.PrivacyRequest>;
export type PrivacyRequestPage = z.infer<typeof privacyApi.PrivacyRequestPage>;
export type CreatePrivacyRequest = z.input<typeof privacyApi.CreatePrivacyRequest>;
export type PrivacyRequestAccepted = z.infer<typeof privacyApi.PrivacyRequestAccepted>;
export type ExtendPrivacyRequest = z.infer<typeof privacyApi.ExtendPrivacyRequest>;

const BASE = '/privacy/requests';
/** While a request is being answered its progress is fetched again this often. */
const PROGRESS_POLL_MS = 2000;

/** The person's own requests (about themselves, or as an institute about its clients). */
export const privacyRequestKeys = {
  all: ['privacy-requests'] as const,
  list: (cursor?: string) => [...privacyRequestKeys.all, 'list', cursor ?? null] as const,
  detail: (id: string) => [...privacyRequestKeys.all, 'detail', id] as const,
};

/** Answered to the requester: fully, or at the deadline with the services that stayed silent named (ADR 42). */
export const isAnswered = (request: Pick<PrivacyRequest, 'status'>) => request.status === 'completed' || request.status === 'completed_with_gaps';

const open = (request: PrivacyRequest) => !isAnswered(request);

/** A completed erasure or correction of a client changed the client: what was shown of it is out of date. */
function refreshChangedClients(queryClient: QueryClient, requests: PrivacyRequest[]) {
  for (const { type, status, subject } of requests) {
    if (isAnswered({ status }) && type !== 'access' && subject.kind === 'client') {
      void queryClient.invalidateQueries({ queryKey: clientKeys.detail(subject.tenantId, subject.clientId) });
      void queryClient.invalidateQueries({ queryKey: [...clientKeys.all(subject.tenantId), 'list'] });
    }
  }
}

/** One page of the requests the person made, newest first; refreshed while any is still open. */
export function usePrivacyRequestPage(cursor?: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: privacyRequestKeys.list(cursor),
    queryFn: async () => {
      const page = await api.get<PrivacyRequestPage>(BASE, { cursor, limit: 20 });
      refreshChangedClients(queryClient, page.items);
      return page;
    },
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some(open) ? PROGRESS_POLL_MS : false),
  });
}

/** One request with its per-owner progress and report; refreshed until it is completed. */
export function usePrivacyRequest(id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: privacyRequestKeys.detail(id),
    queryFn: async () => {
      const request = await api.get<PrivacyRequest>(`${BASE}/${id}`);
      refreshChangedClients(queryClient, [request]);
      return request;
    },
    refetchInterval: (query) => (query.state.data && open(query.state.data) ? PROGRESS_POLL_MS : false),
  });
}

export function useCreatePrivacyRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePrivacyRequest) => api.post<PrivacyRequestAccepted>(BASE, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: privacyRequestKeys.all }),
  });
}

export function useExtendPrivacyRequest(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ExtendPrivacyRequest) => api.post<PrivacyRequest>(`${BASE}/${id}/extension`, body),
    onSuccess: (request) => {
      queryClient.setQueryData(privacyRequestKeys.detail(id), request);
      return queryClient.invalidateQueries({ queryKey: [...privacyRequestKeys.all, 'list'] });
    },
  });
}

/** Downloads a completed access package (zip) and hands it to the browser to save. */
export function useDownloadExport(id: string) {
  return useMutation({
    mutationFn: async () => saveFile(await api.download(`${BASE}/${id}/export`, 'application/zip'), `homi-export-${id}.zip`),
  });
}
