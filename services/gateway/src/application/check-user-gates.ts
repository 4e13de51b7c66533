import { AppError } from '@homi/service-kit';
import { isDisabled, statementOwed } from '../domain/user-gates';
import { ProblemWithMembers } from './problem-with-members';
import type { Principal, UserAccessStore } from './ports';

/** Refuses every call of a disabled account, even with a token that has not expired yet. */
export async function assertAccountActive(users: UserAccessStore, principal: Principal): Promise<void> {
  if (isDisabled(await users.get(principal.userId))) {
    throw new AppError('unauthenticated', 'This account is disabled.', {
      type: 'account-disabled',
      headers: { 'WWW-Authenticate': 'Bearer realm="homi", error="invalid_token"' },
    });
  }
}

/**
 * Refuses the call until the user has accepted the privacy statement in force; the answer names
 * that version (`currentVersion`) so a frontend can show it and post the acceptance.
 */
export async function assertStatementAccepted(users: UserAccessStore, principal: Principal): Promise<void> {
  const [current, access] = await Promise.all([users.currentStatement(), users.get(principal.userId)]);
  const owed = statementOwed(current, access);
  if (owed !== undefined) {
    throw new ProblemWithMembers(
      'forbidden',
      'Accept the current privacy statement first: POST /api/v1/me/privacy-statement-acceptances.',
      { currentVersion: owed },
      { type: 'privacy-statement-acceptance-required' },
    );
  }
}
