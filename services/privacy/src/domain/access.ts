import type { CallerContext } from '@homi/service-kit';
import type { PrivacyRequest } from './request';

/** HOMi's privacy officer: the realm role that acts for HOMi as controller. */
export const OPERATOR_ROLE = 'operator';

export const isOperator = (caller: Pick<CallerContext, 'realmRoles'>) => caller.realmRoles.includes(OPERATOR_ROLE);

export const isRequester = (caller: Pick<CallerContext, 'userId'>, request: PrivacyRequest) => request.requester.userId === caller.userId;

/** The requester follows their request; the privacy officer sees every request's progress (never its export). */
export const maySee = (caller: Pick<CallerContext, 'userId' | 'realmRoles'>, request: PrivacyRequest) => isRequester(caller, request) || isOperator(caller);

/**
 * The controller may extend (GDPR art. 12(3)). For a user's own data HOMi is the controller, so
 * its privacy officer extends; for a client's data the institute is, so the institute's requester
 * may extend too. A data subject cannot extend the deadline that protects them.
 */
export const mayExtend = (caller: Pick<CallerContext, 'userId' | 'realmRoles'>, request: PrivacyRequest) =>
  isOperator(caller) || (isRequester(caller, request) && request.subject.kind === 'client');
