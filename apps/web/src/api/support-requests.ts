import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MODULES, type supportApi } from '@homi/contracts';
import type { Membership } from './me';
import { api } from './client';
import type { SupportAccessRequest } from './support-access';
import { supportRequestKeys } from './support-request-keys';

// HOMi support's own side of support access: what they asked for (GET /support/access-requests) and
// asking (POST). The institute's side (deciding) is support-access.ts.

type Page = supportApi.SupportAccessRequestList;

export { supportRequestKeys } from './support-request-keys';

/** Waiting for an answer; running now; over. */
export const WAITING = ['awaiting_co_approval', 'pending'] as const;
export const OVER = ['denied', 'revoked', 'expired', 'ended'] as const;

/** A grant that is active and not past its time (the API ends it at `expiresAt` whatever the status says). */
export const isRunning = (request: SupportAccessRequest, now = Date.now()) =>
  request.status === 'active' && request.grant !== null && Date.parse(request.grant.expiresAt) > now;

/**
 * A list of support access requests, newest first (the last 100: more than are ever open), fetched
 * again every 15 s, so a grant an owner approves or revokes, or a colleague's new request, shows up
 * without a reload.
 */
function useRequestList(scope: 'mine' | 'awaiting_co_approval', options: { enabled?: boolean }) {
  return useQuery({
    queryKey: scope === 'mine' ? supportRequestKeys.mine : supportRequestKeys.awaitingCoApproval,
    queryFn: () => api.get<Page>('/support/access-requests', { scope, limit: 100 }),
    refetchInterval: 15_000,
    staleTime: 5_000,
    ...options,
  });
}

/** The support user's own requests. */
export const useMyAccessRequests = (options: { enabled?: boolean } = {}) => useRequestList('mine', options);

/** Asks an institute for access; the request waits for an owner (a write request first for a second support user). */
export function useAskAccess() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: supportApi.CreateSupportAccessRequest) => api.post<SupportAccessRequest>('/support/access-requests', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: supportRequestKeys.mine }),
  });
}

/** Write requests waiting for a second support user, from every support user (the caller's own among them: the API refuses those). */
export const useAwaitingCoApproval = (options: { enabled?: boolean } = {}) => useRequestList('awaiting_co_approval', options);

/** A colleague's write request confirmed as needed: it then waits for an owner of the institute (ADR 14). */
export function useCoApprove() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<SupportAccessRequest>(`/support/access-requests/${id}/co-approve`, {}),
    // Also after a refusal: another colleague may have confirmed it first, or it lapsed.
    onSettled: () => queryClient.invalidateQueries({ queryKey: supportRequestKeys.all }),
  });
}

/** The running grant of this institute among the requests, if any. */
export const runningGrantIn = (requests: readonly SupportAccessRequest[], tenantId: string, now = Date.now()) =>
  requests.find((r) => r.tenantId === tenantId && isRunning(r, now));

/** The latest request for this institute (the list is newest first): why there is no grant. */
export const latestFor = (requests: readonly SupportAccessRequest[], tenantId: string) => requests.find((r) => r.tenantId === tenantId);

/**
 * What a grant lets support do, in the shape the institute's pages read (useTenant, useCan): the
 * granted modules at `view` (read) or `edit` (write), every other module `none`, and no role that
 * decides anything. The pages show only what the grant covers; the gateway enforces it.
 */
export function grantMembership(request: SupportAccessRequest): Membership {
  const grant = request.grant;
  const level = grant?.mode === 'write' ? 'edit' : 'view';
  const permissions = Object.fromEntries(MODULES.map((m) => [m, grant?.modules.includes(m) ? level : 'none'])) as Membership['permissions'];
  return { tenantId: request.tenantId, instituteName: request.tenantId, role: 'staff', permissions };
}
