import { AppError } from '@homi/service-kit';

/** One published version of the privacy statement. Versions are never changed or removed. */
export class PrivacyStatement {
  constructor(
    readonly version: string,
    readonly publishedAt: Date,
    readonly text: string,
  ) {}
}

/** That a user accepted a version, and when. Kept as history; exported in access requests. */
export class StatementAcceptance {

  constructor(
    readonly userId: string,
    readonly version: string,
    readonly acceptedAt: Date,
  ) {}
}

/**
 * Only the current version can be accepted. An unknown version is the caller's mistake (400); a
 * known but superseded one means the caller showed an old text (409, naming the current version).
 */
export function assertAcceptable(version: string, known: boolean, current: PrivacyStatement | null, field: string): void {
  if (!known || !current) {
    throw new AppError('invalid', `Privacy statement version ${version} does not exist.`, {
      type: 'unknown-privacy-statement-version',
      errors: [{ path: field, message: 'is not a published privacy statement version' }],
    });
  }
  if (current.version !== version) {
    throw new AppError('conflict', `Privacy statement version ${version} is no longer current; the current version is ${current.version}.`, {
      type: 'privacy-statement-outdated',
    });
  }
}
