import { OwedNotice } from '@homi/mail';

/**
 * A message to a user about their request, written with its event and mailed after commit by the
 * notice job (ADR 51): ids and facts of the request only, never what the request is about.
 */
export type NotificationKind = 'request-extended' | 'request-completed';

export class Notification extends OwedNotice {
  constructor(
    id: string,
    readonly userId: string,
    readonly kind: NotificationKind,
    readonly requestId: string,
    readonly data: Record<string, unknown>,
    readonly createdAt: Date,
  ) {
    super(id, createdAt);
  }
}
