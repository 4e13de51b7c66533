import { supportApi, type SupportAccessRefused, type TenantActionPerformed } from '@homi/contracts';
import { AppError } from '@homi/service-kit';
import { AUDIT_ACTIONS, type ChainedAuditRecord } from '../domain/audit-entry';
import type { Deps } from './deps';
import type { Repositories } from './ports';

/**
 * Appends a call the gateway reported (a support user's under a grant, or a member's sensitive
 * action) to the tenant's chain, once per event id however often it is delivered. Runs on the
 * repositories of the consumer's transaction (subscribers/audit-log.ts narrows it to the event's tenant).
 */
export async function recordTenantAction({ audit }: Pick<Repositories, 'audit'>, event: TenantActionPerformed): Promise<void> {
  await audit.append({
    tenantId: event.tenantId,
    at: new Date(event.occurredAt),
    actor: { kind: event.actor.kind, userId: event.actor.userId },
    action: event.actor.kind === 'support' ? AUDIT_ACTIONS.supportAction : AUDIT_ACTIONS.tenantAction,
    details: {
      method: event.method, route: event.route, resourceIds: event.resourceIds,
      ...(event.supportRequestId ? { supportRequestId: event.supportRequestId } : {}),
    },
    sourceEventId: event.eventId,
  });
}

/**
 * Appends a support user's call the gateway refused to the tenant's chain, once per event id however
 * often it is delivered. A tenant that does not exist (a probe of made-up ids) gets nothing: a log
 * belongs to a tenant, and none is started for a stranger's guess.
 */
export async function recordSupportRefusal({ tenants, audit }: Pick<Repositories, 'tenants' | 'audit'>, event: SupportAccessRefused): Promise<void> {
  if (!(await tenants.get(event.tenantId))) return;
  await audit.append({
    tenantId: event.tenantId,
    at: new Date(event.occurredAt),
    actor: { kind: 'support', userId: event.supportUserId },
    action: AUDIT_ACTIONS.supportRefused,
    details: {
      method: event.method, route: event.route, resourceIds: event.resourceIds, reason: event.reason,
      ...(event.supportRequestId ? { supportRequestId: event.supportRequestId } : {}), repeats: event.repeats,
    },
    sourceEventId: event.eventId,
  });
}

export interface AuditLogPage {
  items: ChainedAuditRecord[];
  nextCursor: string | null;
}

/** The tenant's audit log, newest first, filtered; the cursor is the seq the next page starts below. */
export async function readAuditLog(deps: Pick<Deps, 'uow'>, tenantId: string, q: supportApi.AuditLogQuery): Promise<AuditLogPage> {
  let before: number | undefined;
  if (q.cursor !== undefined) {
    before = /^[1-9][0-9]{0,15}$/.test(q.cursor) ? Number(q.cursor) : NaN;
    if (!Number.isSafeInteger(before)) throw new AppError('invalid', 'The cursor is not one this list returned.', { errors: [{ path: 'cursor', message: 'is not valid' }] });
  }
  const filter = {
    before,
    actorUserId: q.actor,
    actions: q.action === undefined ? undefined : supportApi.auditActionsMatching(q.action),
    support: q.support,
  };
  const rows = await deps.uow.forTenant(tenantId, ({ audit }) => audit.page(tenantId, q.limit + 1, filter));
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > q.limit && last ? String(last.seq) : null };
}
