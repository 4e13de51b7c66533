import type { CurrentStatement, UserAccess } from '@homi/contracts';

/** A disabled (or deleted) account: its still-valid tokens must stop working at once. */
export const isDisabled = (access: UserAccess | undefined): boolean => access?.status === 'disabled';

/**
 * The statement version the user must accept before working in a tenant, or undefined when none is
 * owed: no statement published yet (pre-identity setups), or the current one already accepted. A
 * user without an entry has accepted nothing.
 */
export function statementOwed(current: CurrentStatement | undefined, access: UserAccess | undefined): string | undefined {
  if (!current) return undefined;
  return access?.acceptedStatementVersion === current.version ? undefined : current.version;
}
