import { TenantActionPerformed, type DataSubject } from '@homi/contracts';
import { newEventId } from '@homi/messaging';
import type { CallerContext } from '@homi/service-kit';
import type { PrivacyRequest } from '../domain/request';
import type { Repositories } from './ports';

/** The route template the tenant's audit log shows for a download (under /api/v1, as the gateway names routes). */
export const EXPORT_ROUTE = '/privacy/requests/:requestId/export';

/** The institute whose data a request is about: a client's institute, or the institute itself. */
export const tenantOfSubject = (subject: DataSubject): string | undefined => (subject.kind === 'user' ? undefined : subject.tenantId);

/**
 * Records a download of a request's access package in the caller's unit of work: on the request's
 * audit trail, and, when the subject is an institute's client (or the institute), as a
 * TenantActionPerformed in the outbox for that institute's audit log. The gateway cannot publish
 * this one (it never learns the request's tenant), so both commit together or not at all.
 */
export async function recordExportDownload(
  { audit, events }: Pick<Repositories, 'audit' | 'events'>,
  caller: CallerContext,
  request: PrivacyRequest,
  now: Date,
  parts: number,
): Promise<void> {
  await audit.append(request.id, now, caller.userId, 'export.downloaded', { parts });
  const tenantId = tenantOfSubject(request.subject);
  if (!tenantId) return;
  events.publish(TenantActionPerformed, {
    // A fresh id per download, as the gateway makes: a repeated download is a second action, not a duplicate.
    eventId: newEventId(),
    tenantId,
    actor: { kind: caller.support ? 'support' : 'member', userId: caller.userId },
    ...(caller.support ? { supportRequestId: caller.support.requestId } : {}),
    method: 'GET',
    route: EXPORT_ROUTE,
    resourceIds: { requestId: request.id },
    occurredAt: now.toISOString(),
  });
}
