import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { tenantDataApi } from '@homi/contracts';
import { api } from './client';
import { appointmentKeys, clientKeys, type ClientListParams } from './query-keys';

export { clientKeys, type ClientListParams } from './query-keys';

export type Client = tenantDataApi.Client;
/** A client with the card's counts: completed visits and no-shows. */
export type ClientDetail = tenantDataApi.ClientDetail;
export interface ClientPage {
  items: Client[];
  nextCursor: string | null;
}

const base = (tenantId: string) => `/tenants/${tenantId}/clients`;

/** Query keys of one institute's clients: invalidate `all(tenantId)` after any change. */

/** One page of clients, optionally filtered by a name fragment; the previous page stays shown while the next loads. */
export function useClientPage(tenantId: string, params: ClientListParams) {
  return useQuery({
    queryKey: clientKeys.list(tenantId, params),
    queryFn: () => api.get<ClientPage>(base(tenantId), { q: params.q, cursor: params.cursor, limit: params.limit }),
    placeholderData: keepPreviousData,
  });
}

export function useClient(tenantId: string, clientId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: clientKeys.detail(tenantId, clientId), queryFn: () => api.get<ClientDetail>(`${base(tenantId)}/${clientId}`), enabled });
}

/**
 * The clients with these ids, for lists that name them by id only (invoices): each from its card's
 * cache or fetched once. `enabled` false (no clients:view) asks nothing.
 */
export function useClientsById(tenantId: string, clientIds: readonly string[], { enabled = true }: { enabled?: boolean } = {}) {
  const unique = [...new Set(clientIds)];
  const results = useQueries({
    queries: unique.map((clientId) => ({
      queryKey: clientKeys.detail(tenantId, clientId),
      queryFn: () => api.get<Client>(`${base(tenantId)}/${clientId}`),
      enabled,
    })),
  });
  return new Map(unique.map((clientId, i) => [clientId, results[i]!] as const));
}

export function useCreateClient(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: tenantDataApi.CreateClient) => api.post<Client>(base(tenantId), body),
    onSuccess: (client) => {
      // A new client has no history yet: the card's counts are known.
      queryClient.setQueryData<ClientDetail>(clientKeys.detail(tenantId, client.id), { ...client, visitCount: 0, noShowCount: 0 });
      return queryClient.invalidateQueries({ queryKey: [...clientKeys.all(tenantId), 'list'] });
    },
  });
}

export function useUpdateClient(tenantId: string, clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: tenantDataApi.UpdateClient) => api.patch<Client>(`${base(tenantId)}/${clientId}`, body),
    onSuccess: (client) => {
      // The answer is the client without the card's counts: those stay as they were.
      queryClient.setQueryData<ClientDetail>(clientKeys.detail(tenantId, clientId), (card) => (card ? { ...card, ...client } : undefined));
      void queryClient.invalidateQueries({ queryKey: clientKeys.detail(tenantId, clientId) });
      // The agenda shows their name.
      void queryClient.invalidateQueries({ queryKey: appointmentKeys.all(tenantId) });
      return queryClient.invalidateQueries({ queryKey: [...clientKeys.all(tenantId), 'list'] });
    },
  });
}

export function useDeleteClient(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (clientId: string) => api.delete(`${base(tenantId)}/${clientId}`),
    onSuccess: (_void, clientId) => {
      queryClient.removeQueries({ queryKey: clientKeys.detail(tenantId, clientId) });
      // Gone from every page shown before at once, not only after the lists are fetched again.
      queryClient.setQueriesData<ClientPage>({ queryKey: [...clientKeys.all(tenantId), 'list'] }, (page) =>
        page ? { ...page, items: page.items.filter((client) => client.id !== clientId) } : page,
      );
      // Their appointments went with them.
      void queryClient.invalidateQueries({ queryKey: appointmentKeys.all(tenantId) });
      return queryClient.invalidateQueries({ queryKey: [...clientKeys.all(tenantId), 'list'] });
    },
  });
}
