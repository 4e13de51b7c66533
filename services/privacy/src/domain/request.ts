import type { DataSubject, RequestType } from '@homi/contracts';
import type { MailLocale } from '@homi/mail';

/**
 * `completed_with_gaps`: the deadline (with any extension) passed before every owner answered; the
 * requester has what the others reported, the silent owners are named and still asked (ADR 42).
 */
export type RequestStatus = 'received' | 'in_progress' | 'completed' | 'completed_with_gaps';

/**
 * What a request is for: a data subject's rights (GDPR art. 15–17), or an institute's export of
 * everything it holds (ADR 54), answered by the same owners but never shown as a privacy request.
 */
export type RequestPurpose = 'data-subject' | 'institute-export';

/** Who asked: a signed-in user, acting for an institute when the subject is one of its clients. */
export interface Requester {
  userId: string;
  tenantId?: string;
  /** The language the requester's browser asked for when they made the request: that of the notices they are mailed (ADR 51). */
  locale?: MailLocale;
}

/** The one extension GDPR art. 12(3) allows: by one or two further months, with a reason. */
export interface Extension {
  months: 1 | 2;
  reason: string;
  extendedAt: string;
  extendedBy: string;
}

/**
 * A data-subject request (GDPR art. 15–17). It holds identifiers only; the personal data it is
 * about stays with the owners, except the corrections of a rectification until it completes.
 */
export class PrivacyRequest {
  purpose: RequestPurpose = 'data-subject';
  parentId: string | null = null;
  /** The helpdesk ticket it was made from (ADR 44): at most one request per requester and ticket. */
  ticketId: string | null = null;
  status: RequestStatus = 'received';
  extension: Extension | null = null;
  completedAt: Date | null = null;
  exportExpiresAt: Date | null = null;
  corrections: Record<string, string> | null = null;
  /** Commands published so far; the next one carries `commands + 1` as its attempt. */
  commands = 0;
  remindedAt: Date | null = null;
  escalatedAt: Date | null = null;
  dueAt: Date;

  constructor(
    readonly id: string,
    readonly type: RequestType,
    readonly subject: DataSubject,
    readonly requester: Requester,
    readonly receivedAt: Date,
  ) {
    this.dueAt = addDays(receivedAt, RESPONSE_DAYS);
  }
}

/** "Without undue delay and in any event within one month": HOMi promises four weeks. */
export const RESPONSE_DAYS = 28;
export const REMINDER_DAYS = 7;
export const ESCALATION_DAYS = 3;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** Calendar months in UTC; the 31st plus one month is the last day of the shorter month. */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

/** Answered to the requester: fully, or at the deadline with the silent owners named. */
export const isAnswered = (r: Pick<PrivacyRequest, 'status'>) => r.status === 'completed' || r.status === 'completed_with_gaps';

export const isOpen = (r: Pick<PrivacyRequest, 'status'>) => !isAnswered(r);

/**
 * Whether the request is answered with gaps now (ADR 42): its deadline has passed and it is still
 * open. Owners that answered are never held back by one that did not: their results are recorded as
 * they come; this decides only when the requester stops waiting for the rest.
 */
export const closesWithGaps = (r: Pick<PrivacyRequest, 'status' | 'dueAt'>, now: Date) => isOpen(r) && now.getTime() >= r.dueAt.getTime();
