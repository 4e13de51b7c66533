import type { NoticeRow } from '@homi/mail';

/**
 * A message to a user about their request, written with its event and mailed after commit by the
 * notice job (ADR 51): ids and facts of the request only, never what the request is about.
 */
export type NotificationKind = 'request-extended' | 'request-completed';

export class Notification implements NoticeRow {
  attempts = 0;
  nextAttemptAt: Date;
  /** While a sender holds it; another sender takes it over once this has passed. */
  leaseUntil: Date | null = null;
  sentAt: Date | null = null;
  /** Dropped: nobody to send it to (the account is gone), or the SMTP server kept refusing. */
  gaveUpAt: Date | null = null;

  constructor(
    readonly id: string,
    readonly userId: string,
    readonly kind: NotificationKind,
    readonly requestId: string,
    readonly data: Record<string, unknown>,
    readonly createdAt: Date,
  ) {
    this.nextAttemptAt = createdAt;
  }
}
