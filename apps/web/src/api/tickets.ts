import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { helpdeskApi, TicketStatus } from '@homi/contracts';
import type { z } from 'zod';
import { api } from './client';
import { privacyRequestKeys } from './privacy-requests';

export type Ticket = z.infer<typeof helpdeskApi.Ticket>;
export type TicketSummary = z.infer<typeof helpdeskApi.TicketSummary>;
export type TicketMessage = z.infer<typeof helpdeskApi.TicketMessage>;
export type SupportTicket = z.infer<typeof helpdeskApi.SupportTicket>;
export type SupportTicketSummary = z.infer<typeof helpdeskApi.SupportTicketSummary>;
type TicketPage = z.infer<typeof helpdeskApi.TicketPage>;
type SupportTicketPage = z.infer<typeof helpdeskApi.SupportTicketPage>;
export type OpenTicketBody = z.output<typeof helpdeskApi.OpenTicket>;
export type TicketPrivacyRequestBody = z.output<typeof helpdeskApi.TicketPrivacyRequest>;
type Linked = z.infer<typeof helpdeskApi.TicketPrivacyRequestLinked>;

const base = (tenantId: string) => `/tenants/${tenantId}/tickets`;

/** The institute's tickets (the member's side). */
export const ticketKeys = {
  all: (tenantId: string) => ['tenants', tenantId, 'tickets'] as const,
  list: (tenantId: string, params: TicketListParams) => [...ticketKeys.all(tenantId), 'list', params] as const,
  detail: (tenantId: string, ticketId: string) => [...ticketKeys.all(tenantId), 'detail', ticketId] as const,
};

export interface TicketListParams {
  status?: readonly TicketStatus[];
  cursor?: string;
}

/** While a conversation is open, the other side's replies show up by themselves this often. */
const CONVERSATION_POLL_MS = 15_000;

/** One page of the tickets the member may see (owners and admins: all of the institute's), newest first. */
export function useTickets(tenantId: string, params: TicketListParams) {
  return useQuery({
    queryKey: ticketKeys.list(tenantId, params),
    queryFn: () => api.get<TicketPage>(base(tenantId), { status: params.status?.join(','), cursor: params.cursor, limit: 20 }),
    placeholderData: keepPreviousData,
  });
}

export function useTicket(tenantId: string, ticketId: string) {
  return useQuery({
    queryKey: ticketKeys.detail(tenantId, ticketId),
    queryFn: () => api.get<Ticket>(`${base(tenantId)}/${ticketId}`),
    refetchInterval: (query) => (query.state.data?.status === 'closed' ? false : CONVERSATION_POLL_MS),
  });
}

export function useOpenTicket(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OpenTicketBody) => api.post<Ticket>(base(tenantId), body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ticketKeys.all(tenantId) }),
  });
}

/** Reply, close or turn into a privacy request: each changes the ticket, which is then fetched again. */
function useTicketAction<B>(tenantId: string, ticketId: string, act: (path: string, body: B) => Promise<unknown>, also?: readonly unknown[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => act(`${base(tenantId)}/${ticketId}`, body),
    onSettled: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: ticketKeys.all(tenantId) }),
      ...(also ? [queryClient.invalidateQueries({ queryKey: also })] : []),
    ]),
  });
}

export const useReplyToTicket = (tenantId: string, ticketId: string) =>
  useTicketAction(tenantId, ticketId, (path, body: { message: string }) => api.post<TicketMessage>(`${path}/messages`, body));

export const useCloseTicket = (tenantId: string, ticketId: string) =>
  useTicketAction(tenantId, ticketId, (path, _body: void) => api.post<TicketSummary>(`${path}/close`));

/** A `my-data` ticket becomes a privacy request about the member (ADR 44); asking again answers the same request. */
export const useTicketPrivacyRequest = (tenantId: string, ticketId: string) =>
  useTicketAction(tenantId, ticketId, (path, body: TicketPrivacyRequestBody) => api.post<Linked>(`${path}/privacy-request`, body), privacyRequestKeys.all);

/** HOMi support's desk: every institute's tickets. */
export const supportTicketKeys = {
  all: ['support-tickets'] as const,
  list: (params: SupportTicketListParams) => [...supportTicketKeys.all, 'list', params] as const,
  detail: (ticketId: string) => [...supportTicketKeys.all, 'detail', ticketId] as const,
};

export interface SupportTicketListParams {
  status?: readonly TicketStatus[];
  /** `me`, `none`, or absent for anyone's. */
  assignee?: 'me' | 'none';
  institute?: string;
  cursor?: string;
}

export function useSupportTickets(params: SupportTicketListParams) {
  return useQuery({
    queryKey: supportTicketKeys.list(params),
    queryFn: () => api.get<SupportTicketPage>('/support/tickets', {
      status: params.status?.join(','), assignee: params.assignee, institute: params.institute, cursor: params.cursor, limit: 20,
    }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

export function useSupportTicket(ticketId: string) {
  return useQuery({
    queryKey: supportTicketKeys.detail(ticketId),
    queryFn: () => api.get<SupportTicket>(`/support/tickets/${ticketId}`),
    refetchInterval: (query) => (query.state.data?.status === 'closed' ? false : CONVERSATION_POLL_MS),
  });
}

function useSupportAction<B>(ticketId: string, act: (path: string, body: B) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => act(`/support/tickets/${ticketId}`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: supportTicketKeys.all }),
  });
}

export const useSupportReply = (ticketId: string) =>
  useSupportAction(ticketId, (path, body: { message: string }) => api.post<TicketMessage>(`${path}/messages`, body));

/** Set the status, take the ticket (one's own id) or let it go (null). */
export const useUpdateSupportTicket = (ticketId: string) =>
  useSupportAction(ticketId, (path, body: helpdeskApi.UpdateTicket) => api.patch<SupportTicketSummary>(path, body));
