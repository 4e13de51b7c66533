import { OwedNotice } from '@homi/mail';

/** Which appointment mail: the confirmation at booking, the reminder the lead time before. */
export type AppointmentNoticeKind = 'confirmation' | 'reminder';

/**
 * An appointment mail the institute owes its client (ADR 53), queued in the transaction that owed it
 * and mailed after commit through libs/mail's notice queue. It holds ids and the time it is due,
 * never an address or a text: whether and what to mail is decided from the data as it is at sending.
 */
export class AppointmentNotice extends OwedNotice {
  readonly createdAt: Date;

  constructor(
    id: string,
    readonly tenantId: string,
    readonly appointmentId: string,
    readonly kind: AppointmentNoticeKind,
    /** When it is due: at once for a confirmation, the lead time before the start for a reminder. */
    dueAt: Date,
    now: Date,
  ) {
    super(id, dueAt);
    this.createdAt = now;
  }
}

/** When the reminder of an appointment starting at `startsAt` is due. */
export const reminderDueAt = (startsAt: Date, leadHours: number): Date => new Date(startsAt.getTime() - leadHours * 3600_000);

/** The Message-ID every send of this notice carries, so a resend after a crash is the same message. */
export const noticeMessageId = (notice: { id: string; kind: AppointmentNoticeKind }): string => `<${notice.id}.appointment-${notice.kind}@homi>`;

/** What the sender reads of a notice's appointment, client and institute at the moment of sending. */
export interface NoticeSubject {
  startsAt: Date;
  status: string;
  email: string | null;
  reminderConsent: boolean | null;
  instituteName: string;
  clientId: string;
  /** Sent meanwhile by a sender that took the notice over after this one's lease ran out: not again. */
  noticeSent: boolean;
}

/**
 * Whether the notice may still go: the appointment is booked and ahead, the client has an address
 * and consents. A cancelled, no-show or past appointment, a withdrawn consent: dropped.
 */
export function stillWanted(subject: NoticeSubject | null, now: Date): subject is NoticeSubject {
  if (!subject) return false;
  return subject.status === 'booked' && subject.startsAt.getTime() > now.getTime() && Boolean(subject.email) && subject.reminderConsent === true;
}
