import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { tenantDataApi } from '@homi/contracts';
import { api } from './client';
import { appointmentKeys, clientKeys, type ClientAppointmentsWhen } from './query-keys';

export { appointmentKeys, type ClientAppointmentsWhen } from './query-keys';

/** One appointment with its treatment notes: reading it is recorded in the institute's audit log (ADR 64). */
export type Appointment = tenantDataApi.Appointment;
/** An appointment in a list: whether it has notes (`hasNotes`), never their text. */
export type AppointmentListItem = tenantDataApi.AppointmentListItem;
export interface AppointmentPage {
  items: AppointmentListItem[];
  nextCursor: string | null;
}
/** The appointments of a period: all of them, unless there were more than the agenda fetches at once. */
export interface AppointmentsInPeriod {
  items: AppointmentListItem[];
  complete: boolean;
}

const base = (tenantId: string) => `/tenants/${tenantId}/appointments`;
const PAGE_LIMIT = 100;
/** 2,000 appointments in one week view is more than any salon books; beyond it the agenda says so. */
const MAX_PAGES = 20;

/** Every appointment overlapping [from, to), in start order, over as many pages as it takes; the previous period stays shown while the next loads. */
export function useAppointmentsInPeriod(tenantId: string, from: string, to: string) {
  return useQuery({
    queryKey: appointmentKeys.period(tenantId, from, to),
    queryFn: async (): Promise<AppointmentsInPeriod> => {
      const items: AppointmentListItem[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await api.get<AppointmentPage>(base(tenantId), { from, to, limit: PAGE_LIMIT, cursor });
        items.push(...answer.items);
        if (!answer.nextCursor) return { items, complete: true };
        cursor = answer.nextCursor;
      }
      return { items, complete: false };
    },
    placeholderData: keepPreviousData,
  });
}

/**
 * A client's appointments a few at a time: upcoming ones (not yet ended at `now`) soonest first, or
 * past ones (started before `now`) latest first.
 */
export function useClientAppointments(tenantId: string, clientId: string, when: ClientAppointmentsWhen, now: string, limit = 5) {
  return useInfiniteQuery({
    queryKey: appointmentKeys.ofClient(tenantId, clientId, when, now),
    queryFn: ({ pageParam }) =>
      api.get<AppointmentPage>(base(tenantId), {
        clientId,
        ...(when === 'upcoming' ? { from: now, order: 'asc' } : { to: now, order: 'desc' }),
        limit,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useAppointment(tenantId: string, id: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: appointmentKeys.detail(tenantId, id), queryFn: () => api.get<Appointment>(`${base(tenantId)}/${id}`), enabled });
}

function useRefreshAfter(tenantId: string) {
  const queryClient = useQueryClient();
  return (appointment: Appointment) => {
    queryClient.setQueryData(appointmentKeys.detail(tenantId, appointment.id), appointment);
    // The client's card counts visits and no-shows.
    void queryClient.invalidateQueries({ queryKey: clientKeys.detail(tenantId, appointment.client.id) });
    // Also the periods not shown right now: switching day and week right after must not flash the old state.
    return queryClient.invalidateQueries({ queryKey: appointmentKeys.all(tenantId), predicate: (q) => q.queryKey[3] !== 'detail', refetchType: 'all' });
  };
}

export function useCreateAppointment(tenantId: string) {
  const refresh = useRefreshAfter(tenantId);
  return useMutation({
    mutationFn: (body: tenantDataApi.CreateAppointment) => api.post<Appointment>(base(tenantId), body),
    onSuccess: refresh,
  });
}

export function useUpdateAppointment(tenantId: string, id: string) {
  const refresh = useRefreshAfter(tenantId);
  return useMutation({
    mutationFn: (body: tenantDataApi.UpdateAppointment) => api.patch<Appointment>(`${base(tenantId)}/${id}`, body),
    onSuccess: refresh,
  });
}

/**
 * Cancels (deletes) an appointment. Its own page stays cached until it has navigated away (else it
 * would ask for the appointment again and find it gone): call `forget` then.
 */
export function useDeleteAppointment(tenantId: string) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (id: string) => api.delete(`${base(tenantId)}/${id}`),
    onSuccess: (_void, id) =>
      queryClient.invalidateQueries({ queryKey: appointmentKeys.all(tenantId), predicate: (q) => q.queryKey[4] !== id, refetchType: 'all' }),
  });
  const forget = (id: string) => queryClient.removeQueries({ queryKey: appointmentKeys.detail(tenantId, id) });
  return Object.assign(mutation, { forget });
}
