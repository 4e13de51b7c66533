import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { AppointmentListItem } from '../../api/appointments';
import { useTenant } from '../../permissions/tenant-context';
import { cn } from '../../ui/cn';
import { formatDayNumber, formatDayOfWeek, formatWeekdayShort } from './format-day';
import { ClusterBox } from './grid-cluster';
import { clustersOf, hourRange, rowSpan, rowStart, segmentsOn, SHADED, SLOT_MINUTES, SLOTS_PER_HOUR, type DaySegment } from './grid-layout';
import type { MinuteRange } from './staff-columns';
import { wallTimeOf, type CalendarDate } from './zoned-time';

// The agenda's time grid (wide screens): a column per day, rows of five minutes, appointments placed
// with CSS grid lines. The Content-Security-Policy allows no inline styles, so every position is a
// class (grid-layout.ts).

export interface TimeGridProps {
  days: CalendarDate[];
  appointments: readonly AppointmentListItem[];
  today: CalendarDate;
  now: Date;
  /** Called with a day and a wall-clock minute when an empty half hour is clicked (editors only). */
  onPickSlot?: (date: CalendarDate, minutes: number) => void;
}

export const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

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
        <HourLabels hours={hours} />
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

/** The hours down the grid's left edge. */
export function HourLabels({ hours }: { hours: readonly number[] }) {
  return (
    <div aria-hidden="true" className="grid auto-rows-[0.375rem] pb-2">
      {hours.map((hour, i) => (
        <div key={hour} className={cn(rowStart(i * SLOTS_PER_HOUR + 1), 'col-start-1 row-span-12 pr-2 pt-0.5 text-right text-xs tabular-nums text-stone-600')}>
          {hourLabel(hour)}
        </div>
      ))}
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

export interface DayColumnProps {
  day: CalendarDate;
  segments: DaySegment[];
  firstHour: number;
  hours: number;
  isToday: boolean;
  now: Date;
  label: string;
  onPickSlot?: (date: CalendarDate, minutes: number) => void;
  /** Stretches outside the working hours of the column's colleague, shaded (booking there needs an override). */
  outside?: readonly MinuteRange[];
  /** Names the column for tests and tools (`data-column`): a colleague's id. */
  columnKey?: string;
}

/** One column of the grid: a day, or a colleague's part of one. */
export function DayColumn({ day, segments, firstHour, hours, isToday, now, label, onPickSlot, outside = [], columnKey }: DayColumnProps) {
  const halfHours = Array.from({ length: hours * 2 }, (_, i) => i);
  const nowWall = wallTimeOf(now);
  const nowRow = Math.floor((nowWall.minutes - firstHour * 60) / SLOT_MINUTES);
  return (
    <div data-column={columnKey} className={cn('grid auto-rows-[0.375rem] border-l border-stone-200 pb-2', isToday && 'bg-brand-50/50')}>
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
      {outside.map((range) => {
        const from = Math.max(0, Math.floor((range.start - firstHour * 60) / SLOT_MINUTES));
        const to = Math.min(hours * SLOTS_PER_HOUR, Math.ceil((range.end - firstHour * 60) / SLOT_MINUTES));
        return to > from && (
          <div
            key={range.start}
            aria-hidden="true"
            data-outside-hours=""
            className={cn(rowStart(from + 1), rowSpan(to - from), 'pointer-events-none col-start-1', SHADED)}
          />
        );
      })}
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
