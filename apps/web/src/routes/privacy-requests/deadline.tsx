import { useTranslation } from 'react-i18next';
import { isAnswered, type PrivacyRequest } from '../../api/privacy-requests';
import { formatDate } from '../../format';
import { Badge, type BadgeTone } from '../../ui';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days until the deadline, a begun day counted whole; negative once it has passed (-1: less than a day late). */
export function daysLeft(dueAt: string, now: Date = new Date()): number {
  const ms = new Date(dueAt).getTime() - now.getTime();
  return ms >= 0 ? Math.ceil(ms / DAY_MS) : -Math.ceil(-ms / DAY_MS);
}

/** Green with ten days or more, amber under ten, red under five or past the deadline. */
export function deadlineTone(days: number, overdue: boolean): BadgeTone {
  if (overdue || days < 5) return 'danger';
  return days < 10 ? 'warning' : 'success';
}

/** The days left of an open request, coloured and said in words; a completed one says when it was done. */
export function DaysLeft({ request, now }: { request: PrivacyRequest; now?: Date }) {
  const { t } = useTranslation();
  if (isAnswered(request)) {
    return <Badge tone="neutral">{request.completedAt ? t('privacyRequests.deadline.doneOn', { date: formatDate(request.completedAt) }) : t('privacyRequests.status.completed')}</Badge>;
  }
  const days = daysLeft(request.dueAt, now);
  const overdue = request.overdue || days < 0;
  const text = overdue ? t('privacyRequests.deadline.overdue', { count: Math.max(1, -days) }) : t('privacyRequests.deadline.left', { count: days });
  return <Badge tone={deadlineTone(days, overdue)}>{text}</Badge>;
}
