import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { supportApi } from '@homi/contracts';
import { auditLogKeys } from './audit-log';
import { api } from './client';

export type SupportAccessRequest = supportApi.SupportAccessRequest;
export type SupportAccessStatus = supportApi.SupportAccessStatus;
type Page = supportApi.SupportAccessRequestList;

/** What is open now (to decide on, or running), and what is over. */
/**
 * A grant that ended before its time because the helpdesk ticket it cites was closed (ADR 43): identity
 * ends a lapsed grant at exactly `expiresAt`, and one whose ticket closed at that moment, earlier.
 */
export const endedWithTicket = (request: SupportAccessRequest) =>
  request.status === 'ended' && request.grant !== null && request.endedAt !== null && Date.parse(request.endedAt) < Date.parse(request.grant.expiresAt);

export const OPEN_STATUSES: readonly SupportAccessStatus[] = ['awaiting_co_approval', 'pending', 'active'];
export const CLOSED_STATUSES: readonly SupportAccessStatus[] = ['denied', 'revoked', 'expired', 'ended'];

const base = (tenantId: string) => `/tenants/${tenantId}/support-access`;

export interface SupportAccessParams {
  status?: readonly SupportAccessStatus[];
  cursor?: string;
  limit?: number;
}

export const supportAccessKeys = {
  all: (tenantId: string) => ['tenants', tenantId, 'support-access'] as const,
  list: (tenantId: string, params: SupportAccessParams) => [...supportAccessKeys.all(tenantId), 'list', params] as const,
};

/** One page of the institute's support access requests (owners and admins), newest first. */
export function useSupportAccess(tenantId: string, params: SupportAccessParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: supportAccessKeys.list(tenantId, params),
    queryFn: () => api.get<Page>(base(tenantId), { status: params.status?.join(','), cursor: params.cursor, limit: params.limit }),
    placeholderData: keepPreviousData,
    // New requests show up by themselves; a grant past its time is soon shown as ended.
    refetchInterval: (query) => (query.state.data?.items.some(expiredButActive) ? 5_000 : 30_000),
    ...options,
  });
}

const expiredButActive = (r: SupportAccessRequest) => r.status === 'active' && r.grant !== null && Date.parse(r.grant.expiresAt) <= Date.now();

type Decision = { verb: 'approve'; id: string; body: supportApi.ApproveSupportAccess } | { verb: 'deny' | 'revoke'; id: string };

/** An owner's decision on a request: approve (possibly narrower), deny, or end active access. */
export function useDecideSupportAccess(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: Decision) =>
      api.post<SupportAccessRequest>(`${base(tenantId)}/${decision.id}/${decision.verb}`, decision.verb === 'approve' ? decision.body : {}),
    // Also after a refusal: the request may have changed meanwhile (decided by another owner, lapsed).
    onSettled: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: supportAccessKeys.all(tenantId) }),
      queryClient.invalidateQueries({ queryKey: auditLogKeys.all(tenantId) }),
    ]),
  });
}
