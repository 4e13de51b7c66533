import { AppError, type AppErrorOptions, type ErrorKind } from '@homi/service-kit';

/**
 * An expected failure whose problem+json answer carries extra members (RFC 9457 §3.2) a client acts
 * on, such as `currentVersion`. service-kit's AppError has no room for them; the gateway's
 * `problemMembersHandler` renders these before the shared error handler sees them.
 */
export class ProblemWithMembers extends AppError {
  constructor(
    kind: ErrorKind,
    detail: string,
    readonly members: Record<string, string | number | boolean>,
    options: AppErrorOptions = {},
  ) {
    super(kind, detail, options);
  }
}
