import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { tenantDataApi } from '@homi/contracts';
import { api } from './client';

export type WorkingPeriod = tenantDataApi.WorkingPeriod;
export type WorkingHours = tenantDataApi.WorkingHours;

const path = (tenantId: string, userId: string) => `/tenants/${tenantId}/members/${userId}/working-hours`;

/** Query keys of the colleagues' working hours: one entry per colleague. */
export const workingHoursKeys = {
  all: (tenantId: string) => ['tenants', tenantId, 'working-hours'] as const,
  of: (tenantId: string, userId: string) => [...workingHoursKeys.all(tenantId), userId] as const,
};

const fetchHours = (tenantId: string, userId: string) => api.get<WorkingHours>(path(tenantId, userId));

/** A colleague's working hours (agenda:view); no periods: not set, bookings are not limited. */
export function useWorkingHours(tenantId: string, userId: string, options: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: workingHoursKeys.of(tenantId, userId), queryFn: () => fetchHours(tenantId, userId), ...options });
}

/** Several colleagues' working hours at once (the agenda's columns), by user id; a colleague whose hours did not load is absent. */
export function useWorkingHoursOf(tenantId: string, userIds: readonly string[], options: { enabled?: boolean } = {}) {
  return useQueries({
    queries: userIds.map((userId) => ({ queryKey: workingHoursKeys.of(tenantId, userId), queryFn: () => fetchHours(tenantId, userId), ...options })),
    combine: (results) => {
      const byUser = new Map<string, readonly WorkingPeriod[]>();
      results.forEach((result, i) => result.data && byUser.set(userIds[i]!, result.data.periods));
      return byUser;
    },
  });
}

/** Replaces a colleague's working hours (settings:edit); the answer is what is stored, ordered by weekday and start. */
export function usePutWorkingHours(tenantId: string, userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WorkingHours) => api.put<WorkingHours>(path(tenantId, userId), body),
    onSuccess: (saved) => queryClient.setQueryData(workingHoursKeys.of(tenantId, userId), saved),
  });
}
