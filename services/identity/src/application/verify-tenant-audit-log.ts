import type { supportApi } from '@homi/contracts';
import type { Deps } from './deps';

/**
 * Recomputes the tenant's whole hash chain, as the verify-audit command does for every tenant, and
 * says whether each kept row follows from the one before (or from the retention anchor) and carries
 * its own hash; otherwise the first row that does not. Reads only, within the tenant's own rows.
 */
export async function verifyTenantAuditLog(deps: Pick<Deps, 'uow' | 'clock'>, tenantId: string): Promise<supportApi.AuditLogVerification> {
  const result = await deps.uow.forTenant(tenantId, ({ audit }) => audit.verify(tenantId));
  return {
    verified: result.ok,
    entries: result.rows,
    checkedAt: deps.clock().toISOString(),
    firstBroken: result.broken ? { seq: result.broken.seq, problem: result.broken.problem } : null,
  };
}
