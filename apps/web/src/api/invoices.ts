import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { billingApi } from '@homi/contracts';
import { api } from './client';
import { isProblem } from './problem';

export type Invoice = billingApi.Invoice;
export type InvoiceStatus = Invoice['status'];
export type FactuurSturenConnection = billingApi.FactuurSturenConnection;
export interface InvoicePage {
  items: Invoice[];
  nextCursor: string | null;
}
export interface InvoiceListParams {
  status?: InvoiceStatus;
  clientId?: string;
  appointmentId?: string;
  cursor?: string;
  limit?: number;
}

const base = (tenantId: string) => `/tenants/${tenantId}/invoices`;
const connectionPath = (tenantId: string) => `/tenants/${tenantId}/integrations/factuursturen`;
/** While an invoice is being made at FactuurSturen (seconds, usually), its status is asked for again this often. */
export const PENDING_POLL_MS = 1500;

/** Query keys of one institute's invoicing: invalidate `all(tenantId)` after any change. */
export const invoiceKeys = {
  all: (tenantId: string) => ['tenants', tenantId, 'invoices'] as const,
  list: (tenantId: string, params: InvoiceListParams) => [...invoiceKeys.all(tenantId), 'list', params] as const,
  detail: (tenantId: string, id: string) => [...invoiceKeys.all(tenantId), 'detail', id] as const,
  connection: (tenantId: string) => ['tenants', tenantId, 'integrations', 'factuursturen'] as const,
};

const anyPending = (page: InvoicePage | undefined) => Boolean(page?.items.some((invoice) => invoice.status === 'pending'));

/** One page of invoices, newest first; asked for again while one on it is still pending. */
export function useInvoicePage(tenantId: string, params: InvoiceListParams, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    enabled,
    queryKey: invoiceKeys.list(tenantId, params),
    queryFn: () =>
      api.get<InvoicePage>(base(tenantId), { status: params.status, clientId: params.clientId, appointmentId: params.appointmentId, cursor: params.cursor, limit: params.limit }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (anyPending(query.state.data) ? PENDING_POLL_MS : false),
  });
}

/** One invoice; followed while it is pending, until FactuurSturen made it (created) or refused it (failed). */
export function useInvoice(tenantId: string, id: string, { enabled = true }: { enabled?: boolean } = {}) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: invoiceKeys.detail(tenantId, id),
    queryFn: async () => {
      const invoice = await api.get<Invoice>(`${base(tenantId)}/${id}`);
      const cached = queryClient.getQueryData<Invoice>(invoiceKeys.detail(tenantId, id));
      // Its status changed: the lists that show it are out of date.
      if (cached && cached.status !== invoice.status) void queryClient.invalidateQueries({ queryKey: [...invoiceKeys.all(tenantId), 'list'] });
      return invoice;
    },
    enabled,
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? PENDING_POLL_MS : false),
  });
}

export function useCreateInvoice(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: billingApi.CreateInvoice) => api.post<Invoice>(base(tenantId), body),
    onSuccess: (invoice) => {
      queryClient.setQueryData(invoiceKeys.detail(tenantId, invoice.id), invoice);
      return queryClient.invalidateQueries({ queryKey: [...invoiceKeys.all(tenantId), 'list'] });
    },
  });
}

/**
 * The invoice of an appointment: the newest one made for it (at most one is not failed), or null;
 * followed while it is pending.
 */
export function useAppointmentInvoice(tenantId: string, appointmentId: string, { enabled = true }: { enabled?: boolean } = {}) {
  const page = useInvoicePage(tenantId, { appointmentId, limit: 5 }, { enabled });
  return { ...page, invoice: page.data ? (page.data.items[0] ?? null) : undefined };
}

/** Invoices an appointment: the API takes its client, and the line from its treatment's price and VAT rate (ADR 55). */
export function useInvoiceAppointment(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (appointmentId: string) => api.post<Invoice>(base(tenantId), { appointmentId, sendByEmail: false } satisfies billingApi.CreateInvoiceFromAppointment),
    onSuccess: (invoice) => {
      queryClient.setQueryData(invoiceKeys.detail(tenantId, invoice.id), invoice);
      return queryClient.invalidateQueries({ queryKey: [...invoiceKeys.all(tenantId), 'list'] });
    },
    // Invoiced meanwhile (another tab, a colleague): the list shows which.
    onError: () => queryClient.invalidateQueries({ queryKey: [...invoiceKeys.all(tenantId), 'list'] }),
  });
}

/** The FactuurSturen connection, or null when none is connected (the API's 404 `invoicing-not-connected`). */
export function useFactuurSturenConnection(tenantId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: invoiceKeys.connection(tenantId),
    queryFn: () =>
      api.get<FactuurSturenConnection>(connectionPath(tenantId)).catch((error: unknown) => {
        if (isProblem(error, 'invoicing-not-connected')) return null;
        throw error;
      }),
    enabled,
  });
}

/** Connects (or connects again, or changes the consent): the owner's decision; the API key is never answered. */
export function useConnectFactuurSturen(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: billingApi.ConnectFactuurSturen) => api.put<FactuurSturenConnection>(connectionPath(tenantId), body),
    onSuccess: (connection) => {
      queryClient.setQueryData(invoiceKeys.connection(tenantId), connection);
      // Invoices that waited for working credentials are tried again now.
      return queryClient.invalidateQueries({ queryKey: invoiceKeys.all(tenantId) });
    },
  });
}

export function useDisconnectFactuurSturen(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(connectionPath(tenantId)),
    onSuccess: () => queryClient.setQueryData(invoiceKeys.connection(tenantId), null),
  });
}
