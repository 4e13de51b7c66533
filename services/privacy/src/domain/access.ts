import type { RequestType } from '@homi/contracts';
import { AppError, hasAccess, membershipIn, type CallerContext } from '@homi/service-kit';
import type { PrivacyRequest } from './request';

/** HOMi's privacy officer: the realm role that acts for HOMi as controller. */
export const OPERATOR_ROLE = 'operator';

type Caller = Pick<CallerContext, 'userId' | 'realmRoles' | 'tenantId' | 'role' | 'permissions' | 'memberships'>;

export const isOperator = (caller: Pick<CallerContext, 'realmRoles'>) => caller.realmRoles.includes(OPERATOR_ROLE);

export const isRequester = (caller: Pick<CallerContext, 'userId'>, request: PrivacyRequest) => request.requester.userId === caller.userId;

/** Reading a client's data is access; changing or erasing it is erasure and rectification. */
export const clientLevelFor = (type: RequestType): 'view' | 'edit' => (type === 'access' ? 'view' : 'edit');

/**
 * The institute is the controller of its clients' data: its owners and admins act for it, and only
 * with the client rights the request type needs (clients:view to see the data, clients:edit to
 * change or erase it), judged on the caller's membership as it is now, never as it was.
 */
export function mayActForClients(caller: Caller, tenantId: string, type: RequestType): boolean {
  const membership = membershipIn(caller, tenantId);
  if (!membership || (membership.role !== 'owner' && membership.role !== 'admin')) return false;
  return hasAccess(membership, 'clients', clientLevelFor(type));
}

/** 403 for a caller who made or could name the request but lacks the rights in its institute now. */
export const clientRightsRequired = (type: RequestType) =>
  new AppError('forbidden', `A request about a client needs an owner or admin of the institute with clients:${clientLevelFor(type)}.`, {
    type: 'client-permission-required',
  });

export type Standing = 'allowed' | 'lacks-rights' | 'unrelated';

/**
 * How the caller stands to a request: its requester follows it (the privacy officer follows every
 * request); a request about a client only while the requester still holds the client rights its type
 * needs in that institute (`lacks-rights` otherwise). Anyone else is `unrelated`: answered as not found.
 */
export function standingOn(caller: Caller, request: PrivacyRequest): Standing {
  // An institute's export is no privacy request: only its own routes show it (ADR 54).
  if (request.purpose !== 'data-subject') return 'unrelated';
  if (isOperator(caller)) return 'allowed';
  if (!isRequester(caller, request)) return 'unrelated';
  const { subject } = request;
  if (subject.kind !== 'client' || mayActForClients(caller, subject.tenantId, request.type)) return 'allowed';
  return 'lacks-rights';
}

/**
 * The controller may extend (GDPR art. 12(3)). For a user's own data HOMi is the controller, so
 * its privacy officer extends; for a client's data the institute is, so the institute's requester
 * may extend too, while they hold the client rights. A data subject cannot extend the deadline that
 * protects them.
 */
export const mayExtend = (caller: Caller, request: PrivacyRequest) =>
  isOperator(caller) ||
  (isRequester(caller, request) && request.subject.kind === 'client' && mayActForClients(caller, request.subject.tenantId, request.type));
