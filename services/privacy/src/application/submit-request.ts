import type { RequestType } from '@homi/contracts';
import type { MailLocale } from '@homi/mail';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { AppError, type CallerContext } from '@homi/service-kit';
import { clientRightsRequired, mayActForClients } from '../domain/access';
import type { PrivacyRequest } from '../domain/request';
import type { Deps } from './deps';
import { openRequest } from './open-request';
import { REQUEST_WORK } from './request-work';

export type SubjectInput = { kind: 'self' } | { kind: 'client'; tenantId: string; clientId: string };

export interface SubmitRequest {
  type: RequestType;
  subject: SubjectInput;
  corrections?: Record<string, string>;
  /** The `my-data` ticket it comes from (ADR 44); only with a subject of kind self. */
  ticketId?: string;
}

/**
 * Records a request from a signed-in user: about themselves, or, for an owner or admin of an
 * institute with the client rights the type needs, about one of its clients (the institute is the
 * controller, HOMi its processor). A refused request records nothing. `locale` is the language of
 * the requester's notices.
 */
export async function submitRequest(
  deps: Pick<Deps, 'uow' | 'clock' | 'settings' | 'newId'>, caller: CallerContext, input: SubmitRequest, locale: MailLocale = 'nl',
): Promise<PrivacyRequest> {
  const resolved = resolveSubject(caller, input.subject, input.type);
  const subject = resolved.subject;
  // The notices of the request are mailed in the language the requester asked in (ADR 51).
  const requester = { ...resolved.requester, locale };
  const { ticketId } = input;
  const open = () =>
    deps.uow.acrossTenants(REQUEST_WORK, async (repositories) => {
      const earlier = ticketId ? await repositories.requests.fromTicket(requester.userId, ticketId) : null;
      return earlier ?? openRequest(repositories, deps, { id: deps.newId('dsr'), type: input.type, subject, requester, corrections: input.corrections, ticketId, source: 'api' });
    });
  if (!ticketId) return open();
  // One request per requester and ticket (a unique index): a second call at the same moment loses
  // at commit and then finds the winner's request, so every call answers the same one (ADR 44).
  return open().catch((err: unknown) => {
    if (!(err instanceof UniqueConstraintViolationException)) throw err;
    return open();
  });
}

function resolveSubject(caller: CallerContext, subject: SubjectInput, type: RequestType) {
  if (subject.kind === 'self') {
    return { subject: { kind: 'user' as const, userId: caller.userId }, requester: { userId: caller.userId } };
  }
  // The gateway has checked the membership and signed the tenant and role into the caller context.
  if (caller.tenantId !== subject.tenantId || !caller.role) throw new AppError('not_found', 'Tenant was not found');
  if (caller.role !== 'owner' && caller.role !== 'admin') {
    throw new AppError('forbidden', 'Only an owner or admin of the institute may make a request for a client.', { type: 'role-required' });
  }
  if (!mayActForClients(caller, subject.tenantId, type)) throw clientRightsRequired(type);
  return {
    subject: { kind: 'client' as const, tenantId: subject.tenantId, clientId: subject.clientId },
    requester: { userId: caller.userId, tenantId: subject.tenantId },
  };
}
