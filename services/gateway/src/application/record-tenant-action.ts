import type { TenantActionPerformed } from '@homi/contracts';
import { newEventId } from '@homi/messaging';
import { AppError, type Logger } from '@homi/service-kit';
import type { AuditTrail } from './ports';

export type TenantAction = Omit<TenantActionPerformed, 'eventId' | 'occurredAt'>;

/**
 * Stores the action in the tenant's audit trail before it happens: returns only once JetStream has
 * acknowledged it, and otherwise answers 503 `audit-unavailable` so the caller forwards nothing (no
 * audit, no access). The event id is made here, never taken from the client's X-Request-Id: a client
 * repeating an id must not have its second action dropped as a duplicate.
 */
export async function recordTenantAction(trail: AuditTrail, logger: Logger, action: TenantAction, requestId: string): Promise<string> {
  const eventId = newEventId();
  try {
    await trail.record({ ...action, eventId, occurredAt: new Date().toISOString() });
    return eventId;
  } catch (err) {
    // Ids and the route only: the actor's user id is a pseudonymous id, but the log needs none of it.
    logger.warn({ requestId, eventId, route: action.route, err: err instanceof Error ? err.message : String(err) }, 'audit event not stored');
    throw new AppError('unavailable', 'This action cannot be recorded in the audit log right now, so it was not carried out; retry shortly.', {
      type: 'audit-unavailable',
      headers: { 'Retry-After': '5' },
    });
  }
}
