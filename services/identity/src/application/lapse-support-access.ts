import { SupportAccessChanged } from '@homi/contracts';
import { AUDIT_ACTIONS } from '../domain/audit-entry';
import { lapse } from '../domain/support-access-request';
import { periodicJob, type PeriodicJob } from '@homi/service-kit';
import type { Deps } from './deps';

type ExpiryDeps = Pick<Deps, 'uow' | 'clock' | 'supportRequestTtlMs' | 'logger'>;

/** Why the expiry job crosses tenants: every tenant's requests lapse on the same clock. */
const EXPIRY = 'the support-access expiry job, over every tenant\'s requests and grants';

const BATCH = 50;

/**
 * Expires requests nobody answered in time and ends grants whose time is up, one request per
 * transaction with its audit entry and SupportAccessChanged. Replicas skip each other's rows
 * (`skip locked`), so several may run at once. Returns how many it changed.
 */
export async function lapseSupportAccess(deps: ExpiryDeps): Promise<number> {
  let done = 0;
  for (; done < BATCH; done++) {
    const changed = await deps.uow.acrossTenants(EXPIRY, async ({ supportRequests, audit, events }) => {
      const now = deps.clock();
      const request = await supportRequests.claimLapsedAcrossTenants(new Date(now.getTime() - deps.supportRequestTtlMs), now);
      if (!request) return false;
      const outcome = lapse(request, now, deps.supportRequestTtlMs);
      if (!outcome) return false;
      await audit.append({
        tenantId: request.tenantId, at: now, actor: { kind: 'system' },
        action: outcome === 'expired' ? AUDIT_ACTIONS.supportExpired : AUDIT_ACTIONS.supportEnded,
        details: { requestId: request.id, ...(outcome === 'ended' ? { endedAt: request.endedAt?.toISOString() } : {}) },
      });
      events.publish(SupportAccessChanged, { requestId: request.id, tenantId: request.tenantId, occurredAt: now.toISOString() });
      return true;
    });
    if (!changed) break;
  }
  return done;
}

/** Runs lapseSupportAccess every `intervalMs`, one run at a time. */
export function supportAccessExpiry(deps: ExpiryDeps, intervalMs: number): PeriodicJob<number> {
  return periodicJob({ name: 'support-access-expiry', intervalMs, work: () => lapseSupportAccess(deps), logger: deps.logger });
}
