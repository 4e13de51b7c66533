import { createHash } from 'node:crypto';
import { RequestExtended } from '@homi/contracts';
import { AppError, conflict, notFound, type CallerContext } from '@homi/service-kit';
import { mayExtend } from '../domain/access';
import { Notification } from '../domain/notification';
import { addMonths, isAnswered, type PrivacyRequest } from '../domain/request';
import type { Deps } from './deps';
import { REQUEST_WORK } from './request-work';
import { assertStanding } from './view-requests';

export interface ExtendInput {
  months: 1 | 2;
  reason: string;
}

/**
 * Extends the deadline once, by one or two months, before it has passed (GDPR art. 12(3)), and
 * tells the requester why: a notification and a RequestExtended event, committed together.
 * Reminders and the escalation fire again before the new deadline.
 */
export async function extendRequest(deps: Pick<Deps, 'uow' | 'clock' | 'newId'>, caller: CallerContext, id: string, input: ExtendInput): Promise<PrivacyRequest> {
  return deps.uow.acrossTenants(REQUEST_WORK, async ({ requests, notifications, events, audit }) => {
    const request = await requests.lock(id);
    if (!request) throw notFound('Privacy request');
    assertStanding(caller, request);
    if (!mayExtend(caller, request)) {
      throw new AppError('forbidden', 'Only the controller may extend the deadline: the privacy officer, or the institute for its clients.', { type: 'extension-not-allowed' });
    }
    const now = deps.clock();
    if (isAnswered(request)) throw conflict('The request has been completed.');
    if (request.extension) throw conflict('The deadline has already been extended; it can be extended only once.');
    if (now.getTime() > request.dueAt.getTime()) throw conflict('The deadline has passed; it can only be extended before it.');
    request.extension = { months: input.months, reason: input.reason, extendedAt: now.toISOString(), extendedBy: caller.userId };
    request.dueAt = addMonths(request.dueAt, input.months);
    request.remindedAt = null;
    request.escalatedAt = null;
    const dueAt = request.dueAt.toISOString();
    notifications.add(new Notification(deps.newId('ntf'), request.requester.userId, 'request-extended', request.id, { dueAt, months: input.months, reason: input.reason }, now));
    events.publish(RequestExtended, { requestId: request.id, dueAt, requesterId: request.requester.userId, occurredAt: now.toISOString() });
    await audit.append(request.id, now, caller.userId, 'request.extended', {
      months: input.months,
      dueAt,
      // The reason is free text: the trail keeps its fingerprint, the request the text.
      reasonSha256: createHash('sha256').update(input.reason).digest('hex'),
    });
    return request;
  });
}
