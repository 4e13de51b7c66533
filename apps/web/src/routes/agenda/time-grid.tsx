import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../api/appointments';
import { useTenant } from '../../permissions/tenant-context';
import { Link } from '@tanstack/react-router';
import { cn } from '../../ui/cn';
import { formatDayNumber, formatDayOfWeek, formatTimeRange, formatWeekdayShort } from './format-day';
import { clustersOf, hourRange, segmentsOn, SLOT_MINUTES, SLOTS_PER_HOUR, type Cluster, type DaySegment } from './grid-layout';
import { wallTimeOf, type CalendarDate } from './zoned-time';

// The agenda's time grid (wide screens): a column per day, rows of five minutes, appointments placed
// with CSS grid lines. The Content-Security-Policy allows no inline styles, so every position is a
// class; styles.css makes Tailwind generate the row, span, column and lane classes used here.
const rowStart = (n: number) => `row-start-${n}`;
const rowSpan = (n: number) => `row-span-${n}`;
const MAX_LANES = 12;

export interface TimeGridProps {
  days: CalendarDate[];
  appointments: readonly Appointment[];
  today: CalendarDate;
  now: Date;
  /** Called with a day and a wall-clock minute when an empty half hour is clicked (editors only). */
  onPickSlot?: (date: CalendarDate, minutes: number) => void;
}

const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

export function TimeGrid({ days, appointments, today, now, onPickSlot }: TimeGridProps) {
  const { t } = useTranslation();
  const segments = days.map((day) => segmentsOn(day, appointments));
  const { first, last } = hourRange(segments.flat());
  const hours = Array.from({ length: last - first }, (_, i) => first + i);
  const week = days.length > 1;
  return (
    <div className="rounded-xl border border-stone-200 bg-white">
      <div className={week ? 'grid grid-cols-[3.5rem_repeat(7,minmax(0,1fr))]' : 'grid grid-cols-[3.5rem_minmax(0,1fr)]'}>
        <div className="border-b border-stone-200" />
        {days.map((day) => <DayHeader key={day} day={day} today={today} week={week} />)}
        <div aria-hidden="true" className="grid auto-rows-[0.375rem] pb-2">
          {hours.map((hour, i) => (
            <div key={hour} className={cn(rowStart(i * SLOTS_PER_HOUR + 1), 'col-start-1 row-span-12 pr-2 pt-0.5 text-right text-xs tabular-nums text-stone-600')}>
              {hourLabel(hour)}
            </div>
          ))}
        </div>
        {days.map((day, i) => (
          <DayColumn
            key={day}
            day={day}
            segments={segments[i]!}
            firstHour={first}
            hours={hours.length}
            isToday={day === today}
            now={now}
            label={formatDayOfWeek(day)}
            onPickSlot={onPickSlot}
          />
        ))}
      </div>
      <p className="sr-only">{t('agenda.grid.hours', { first: hourLabel(first), last: hourLabel(last) })}</p>
    </div>
  );
}

function DayHeader({ day, today, week }: { day: CalendarDate; today: CalendarDate; week: boolean }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const isToday = day === today;
  const label = `${formatDayOfWeek(day)}${isToday ? ` (${t('agenda.today')})` : ''}`;
  const content = (
    <>
      <span aria-hidden="true" className="text-xs uppercase tracking-wide">{formatWeekdayShort(day)}</span>
      <span aria-hidden="true" className={cn('flex size-8 items-center justify-center rounded-full text-base font-semibold', isToday && 'bg-brand-700 text-white')}>
        {formatDayNumber(day)}
      </span>
      <span className="sr-only">{label}</span>
    </>
  );
  const classes = cn('flex flex-col items-center gap-0.5 border-b border-l border-stone-200 py-2 text-stone-800', isToday && 'text-brand-800');
  if (!week) return <div className={classes} aria-current={isToday ? 'date' : undefined}>{content}</div>;
  return (
    <Link
      to="/t/$tenantId/agenda"
      params={{ tenantId }}
      search={{ view: 'day', date: day }}
      aria-current={isToday ? 'date' : undefined}
      className={cn(classes, 'no-underline hover:bg-stone-50')}
    >
      {content}
    </Link>
  );
}

interface DayColumnProps {
  day: CalendarDate;
  segments: DaySegment[];
  firstHour: number;
  hours: number;
  isToday: boolean;
  now: Date;
  label: string;
  onPickSlot?: (date: CalendarDate, minutes: number) => void;
}

function DayColumn({ day, segments, firstHour, hours, isToday, now, label, onPickSlot }: DayColumnProps) {
  const halfHours = Array.from({ length: hours * 2 }, (_, i) => i);
  const nowWall = wallTimeOf(now);
  const nowRow = Math.floor((nowWall.minutes - firstHour * 60) / SLOT_MINUTES);
  return (
    <div className={cn('grid auto-rows-[0.375rem] border-l border-stone-200 pb-2', isToday && 'bg-brand-50/50')}>
      {halfHours.map((i) => (
        <div
          key={i}
          aria-hidden="true"
          onClick={onPickSlot && (() => onPickSlot(day, firstHour * 60 + i * 30))}
          className={cn(
            rowStart(i * 6 + 1),
            'col-start-1 row-span-6 border-t',
            i % 2 === 0 ? 'border-stone-200' : 'border-dashed border-stone-100',
            onPickSlot && 'cursor-pointer hover:bg-brand-50',
          )}
        />
      ))}
      {clustersOf(segments, firstHour).map((cluster) => (
        <ClusterBox key={cluster.items[0]!.appointment.id} cluster={cluster} now={now} dayLabel={label} />
      ))}
      {isToday && nowRow >= 0 && nowRow < hours * SLOTS_PER_HOUR && (
        <div aria-hidden="true" className={cn(rowStart(nowRow + 1), 'pointer-events-none relative z-20 col-start-1 h-0.5 self-start bg-red-600')}>
          <span className="absolute -left-1 -top-1 size-2.5 rounded-full bg-red-600" />
        </div>
      )}
    </div>
  );
}

function ClusterBox({ cluster, now, dayLabel }: { cluster: Cluster; now: Date; dayLabel: string }) {
  const { tenantId } = useTenant();
  const lanes = Math.min(cluster.lanes, MAX_LANES);
  return (
    <div className={cn(rowStart(cluster.row + 1), rowSpan(cluster.rows), `grid-cols-${lanes}`, 'pointer-events-none z-10 col-start-1 grid auto-rows-[0.375rem] gap-x-0.5 px-0.5')}>
      {cluster.items.map((item) => {
        const a = item.appointment;
        const past = Date.parse(a.endsAt) <= now.getTime();
        return (
          <Link
            key={a.id}
            to="/t/$tenantId/agenda/$appointmentId"
            params={{ tenantId, appointmentId: a.id }}
            className={cn(
              rowStart(item.row + 1), rowSpan(item.rows), `col-start-${Math.min(item.lane, MAX_LANES - 1) + 1}`,
              'pointer-events-auto mb-px flex min-w-0 flex-col overflow-hidden rounded-md border-l-4 px-1.5 py-0.5 text-xs leading-4 focus-visible:z-30',
              past ? 'border-stone-400 bg-stone-100 text-stone-800 hover:bg-stone-200' : 'border-brand-600 bg-brand-100 text-brand-900 hover:bg-brand-200',
            )}
          >
            <span className="sr-only">{dayLabel},</span>{' '}
            <span className="truncate font-semibold tabular-nums">{formatTimeRange(a.startsAt, a.endsAt)}</span>{' '}
            <span className="truncate font-medium">{a.client.name}</span>{' '}
            <span className="truncate">{a.treatment}</span>
          </Link>
        );
      })}
    </div>
  );
}
