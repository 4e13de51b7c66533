import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { tenantDataApi } from '@homi/contracts';
import { api } from './client';

export type ClientAlert = tenantDataApi.ClientAlert;
export type ClientNote = tenantDataApi.ClientNote;
/** The client form's notes (`general`) and the treatment notes: read together, in one recorded call (ADR 64). */
export type ClientNotes = tenantDataApi.ClientNoteList;

const base = (tenantId: string, clientId: string) => `/tenants/${tenantId}/clients/${clientId}`;

/** Query keys of a client's health data (ADR 50). */
export const clientHealthKeys = {
  alerts: (tenantId: string, clientId: string) => ['tenants', tenantId, 'clients', clientId, 'alerts'] as const,
  notes: (tenantId: string, clientId: string) => ['tenants', tenantId, 'clients', clientId, 'notes'] as const,
};

/**
 * Every read is an entry in the institute's audit log: asked when shown, not again on a window's
 * focus or a reconnect, and kept for the visit, so the log says who looked, not how often a tab blinked.
 */
const deliberate = { staleTime: 5 * 60_000, refetchOnWindowFocus: false, refetchOnReconnect: false } as const;

/** A client's alerts (clients:view). */
export function useClientAlerts(tenantId: string, clientId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: clientHealthKeys.alerts(tenantId, clientId),
    queryFn: async () => (await api.get<tenantDataApi.ClientAlerts>(`${base(tenantId, clientId)}/alerts`)).items,
    enabled: enabled && Boolean(clientId),
    ...deliberate,
  });
}

/** Replaces a client's alerts (clients:edit); the answer is what is stored. */
export function useReplaceClientAlerts(tenantId: string, clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: ClientAlert[]) => api.put<tenantDataApi.ClientAlerts>(`${base(tenantId, clientId)}/alerts`, { items }),
    onSuccess: (stored) => queryClient.setQueryData(clientHealthKeys.alerts(tenantId, clientId), stored.items),
  });
}

/** A client's notes: the client form's, and the treatment notes oldest first (clients:view). */
export function useClientNotes(tenantId: string, clientId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: clientHealthKeys.notes(tenantId, clientId),
    queryFn: () => api.get<ClientNotes>(`${base(tenantId, clientId)}/notes`),
    enabled,
    ...deliberate,
  });
}

/** Adds a treatment note (clients:edit). */
export function useAddClientNote(tenantId: string, clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: tenantDataApi.CreateClientNote) => api.post<ClientNote>(`${base(tenantId, clientId)}/notes`, body),
    onSuccess: (note) =>
      queryClient.setQueryData<ClientNotes>(clientHealthKeys.notes(tenantId, clientId), (notes) => notes && { ...notes, items: [...notes.items, note] }),
  });
}
