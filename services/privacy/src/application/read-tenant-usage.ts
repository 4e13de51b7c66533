import { forbidden, hasAccess, type TenantCaller } from '@homi/service-kit';
import type { usageApi } from '@homi/contracts';
import type { UsageDeps } from './deps';

/** The module whose view level lets a member read the institute's own usage. */
export const TENANT_USAGE_MODULE = 'reports' as const;

/**
 * One institute's own counts per day and module, to a member of that institute (the signed caller
 * context is for this tenant) holding reports:view. Today's counts are still growing.
 */
export async function readTenantUsage(deps: Pick<UsageDeps, 'uow'>, caller: TenantCaller, query: usageApi.UsageQuery): Promise<usageApi.TenantUsage> {
  if (!hasAccess(caller, TENANT_USAGE_MODULE, 'view')) {
    throw forbidden(`This needs ${TENANT_USAGE_MODULE}:view.`, 'module-permission-required');
  }
  const counts = await deps.uow.forTenant(caller.tenantId, ({ usage }) => usage.tenantUsage(caller.tenantId, query.from, query.to));
  return {
    tenantId: caller.tenantId,
    from: query.from,
    to: query.to,
    counts,
  };
}
