import { Link } from '@tanstack/react-router';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentListItem } from '../../api/appointments';
import { formatDuration, formatTime } from '../../format';
import { useTenant } from '../../permissions/tenant-context';
import { Badge } from '../../ui';
import { cn } from '../../ui/cn';
import { StatusBadge, statusClasses } from './appointment-status';
import { formatDayOfWeek, minutesBetween } from './format-day';
import { segmentsOn } from './grid-layout';
import type { CalendarDate } from './zoned-time';

export interface DayListProps {
  days: CalendarDate[];
  appointments: readonly AppointmentListItem[];
  today: CalendarDate;
  now: Date;
}

/** The agenda on a phone: a day's appointments as a list, readable at 390 px; a week as a list per day. */
export function DayList({ days, appointments, today, now }: DayListProps) {
  if (days.length === 1) return <Appointments appointments={segmentsOn(days[0]!, appointments).map((s) => s.appointment)} now={now} />;
  return (
    <div className="flex flex-col gap-6">
      {days.map((day) => (
        <DaySection key={day} day={day} isToday={day === today} appointments={segmentsOn(day, appointments).map((s) => s.appointment)} now={now} />
      ))}
    </div>
  );
}

function DaySection({ day, isToday, appointments, now }: { day: CalendarDate; isToday: boolean; appointments: AppointmentListItem[]; now: Date }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId} className="mb-2 flex items-center gap-2 text-base font-semibold text-stone-900">
        <span className="first-letter:uppercase">{formatDayOfWeek(day)}</span>
        {isToday && <Badge tone="brand">{t('agenda.today')}</Badge>}
      </h3>
      {appointments.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 px-3 py-2 text-sm text-stone-600">{t('agenda.list.none')}</p>
      ) : (
        <Appointments appointments={appointments} now={now} />
      )}
    </section>
  );
}

function Appointments({ appointments, now }: { appointments: AppointmentListItem[]; now: Date }) {
  return (
    <ul className="flex flex-col gap-2">
      {appointments.map((a) => <li key={a.id}><AppointmentRow appointment={a} past={Date.parse(a.endsAt) <= now.getTime()} /></li>)}
    </ul>
  );
}

function AppointmentRow({ appointment: a, past }: { appointment: AppointmentListItem; past: boolean }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  return (
    <Link
      to="/t/$tenantId/agenda/$appointmentId"
      params={{ tenantId, appointmentId: a.id }}
      className={cn(
        'flex min-h-11 gap-3 rounded-lg border border-l-4 bg-white p-3 hover:bg-stone-50',
        past ? 'border-stone-300 border-l-stone-400' : 'border-stone-200 border-l-brand-600',
      )}
    >
      <span className="flex w-14 shrink-0 flex-col text-sm tabular-nums text-stone-900">
        <span className="font-semibold">{formatTime(a.startsAt)}</span>{' '}
        <span className="text-stone-600">
          <span className="sr-only">{t('agenda.list.until')}</span> {formatTime(a.endsAt)}
        </span>
      </span>{' '}
      <span className={cn('flex min-w-0 flex-col', statusClasses(a.status))}>
        <span className="truncate font-semibold text-stone-900">{a.client.name}</span>{' '}
        <span className="truncate text-sm text-stone-700">
          {a.treatment} · {formatDuration(minutesBetween(a.startsAt, a.endsAt))}
        </span>
      </span>
      {a.status !== 'booked' && <span className="ml-auto shrink-0 self-start">{' '}<StatusBadge status={a.status} /></span>}
    </Link>
  );
}
