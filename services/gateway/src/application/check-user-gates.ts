import { AppError } from '@homi/service-kit';
import type { Principal } from '../domain/principal';
import { isDisabled, statementOwed } from '../domain/user-gates';
import type { UserAccessStore } from './ports';

/** HOMi's own staff: accounts made in the identity provider by HOMi, never through identity, so never in its users bucket. */
const STAFF_ROLES: readonly string[] = ['support', 'operator'];
const isStaff = (principal: Principal) => principal.roles.some((role) => STAFF_ROLES.includes(role));

/**
 * Refuses every call of a disabled account, even with a token that has not expired yet, and of an
 * account identity does not know (fail closed: a token for someone identity never made, or whose
 * entry is gone, opens nothing), unless it is HOMi staff by a realm role of the signed token.
 */
export async function assertAccountActive(users: UserAccessStore, principal: Principal): Promise<void> {
  const access = await users.get(principal.userId);
  if (!access && !isStaff(principal)) {
    throw new AppError('unauthenticated', 'This account is not known to HOMi.', {
      type: 'account-unknown',
      headers: { 'WWW-Authenticate': 'Bearer realm="homi", error="invalid_token"' },
    });
  }
  if (isDisabled(access)) {
    throw new AppError('unauthenticated', 'This account is disabled.', {
      type: 'account-disabled',
      headers: { 'WWW-Authenticate': 'Bearer realm="homi", error="invalid_token"' },
    });
  }
}

/**
 * Refuses the call until the user (not HOMi staff) has accepted the privacy statement in force; the answer names
 * that version (`currentVersion`) so a frontend can show it and post the acceptance.
 */
export async function assertStatementAccepted(users: UserAccessStore, principal: Principal): Promise<void> {
  // HOMi's own staff are bound by their employment, not by the statement HOMi gives its customers (ADR 21).
  if (isStaff(principal)) return;
  const [current, access] = await Promise.all([users.currentStatement(), users.get(principal.userId)]);
  const owed = statementOwed(current, access);
  if (owed !== undefined) {
    throw new AppError('forbidden', 'Accept the current privacy statement first: POST /api/v1/me/privacy-statement-acceptances.', {
      type: 'privacy-statement-acceptance-required',
      members: { currentVersion: owed },
    });
  }
}
