/** A message to a user, kept until a notifier delivers it (e-mail, in-app). Written with its event. */
export type NotificationKind = 'request-extended' | 'request-completed';

export class Notification {
  deliveredAt: Date | null = null;

  constructor(
    readonly id: string,
    readonly userId: string,
    readonly kind: NotificationKind,
    readonly requestId: string,
    readonly data: Record<string, unknown>,
    readonly createdAt: Date,
  ) {}
}
