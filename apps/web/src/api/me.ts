import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { identityApi } from '@homi/contracts';
import { api } from './client';

export type Me = identityApi.Me;
export type Membership = Me['memberships'][number];

export const meKeys = {
  all: ['me'] as const,
};

/** The signed-in person: profile, memberships with module permissions, statement versions. */
export function useMe(options: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: meKeys.all, queryFn: () => api.get<Me>('/me'), staleTime: 60_000, ...options });
}

/** Accepts a privacy statement version; everything the gate held back is fetched again. */
export function useAcceptStatement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: identityApi.AcceptPrivacyStatement) => api.post<void>('/me/privacy-statement-acceptances', body),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
