import { useMutation, useQuery } from '@tanstack/react-query';
import type { tenantDataApi } from '@homi/contracts';
import { api } from './client';

// The code of an appointment mail's unsubscribe link: in request bodies only, kept in memory only.
export const unsubscribeKeys = {
  lookup: (token: string) => ['reminder-unsubscribe', token] as const,
};

/** Whose link it is: the institute and whether the client still gets appointment mails (public; changes nothing). */
export function useUnsubscribeLookup(token: string | undefined) {
  return useQuery({
    queryKey: unsubscribeKeys.lookup(token ?? ''),
    queryFn: () => api.post<tenantDataApi.ReminderSubscription>('/reminder-unsubscribe-lookups', { token }),
    enabled: Boolean(token),
    staleTime: Infinity,
    gcTime: 0,
  });
}

/** Withdraws the client's consent to appointment mails (public: the code proves the client). */
export function useUnsubscribe() {
  return useMutation({ mutationFn: (token: string) => api.post<void>('/reminder-unsubscribes', { token }) });
}
