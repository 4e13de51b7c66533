import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { supportApi } from '@homi/contracts';
import { api } from './client';

export type AuditLogEntry = supportApi.AuditLogEntry;
export type AuditLogVerification = supportApi.AuditLogVerification;

export interface AuditLogParams {
  actor?: string;
  /** One action (`member.changed`) or a category (`member`). */
  action?: string;
  supportOnly?: boolean;
  cursor?: string;
  limit?: number;
}

const base = (tenantId: string) => `/tenants/${tenantId}/audit-log`;

export const auditLogKeys = {
  all: (tenantId: string) => ['tenants', tenantId, 'audit-log'] as const,
  page: (tenantId: string, params: AuditLogParams) => [...auditLogKeys.all(tenantId), 'page', params] as const,
  verification: (tenantId: string) => [...auditLogKeys.all(tenantId), 'verification'] as const,
};

/** One page of the institute's audit log, filtered by the API (owners and admins), newest first. */
export function useAuditLog(tenantId: string, params: AuditLogParams) {
  return useQuery({
    queryKey: auditLogKeys.page(tenantId, params),
    queryFn: () =>
      api.get<supportApi.AuditLogPage>(base(tenantId), {
        actor: params.actor, action: params.action, support: params.supportOnly ? 'true' : undefined, cursor: params.cursor, limit: params.limit,
      }),
    placeholderData: keepPreviousData,
  });
}

/** Whether the institute's hash chain recomputes; never served from a stale cache. */
export function useAuditVerification(tenantId: string) {
  return useQuery({ queryKey: auditLogKeys.verification(tenantId), queryFn: () => api.get<AuditLogVerification>(`${base(tenantId)}/verification`), staleTime: 0 });
}
