import { useTranslation } from 'react-i18next';
import type { WorkingPeriod } from '../../api/working-hours';
import { cn } from '../../ui/cn';
import { formatDayOfWeek } from './format-day';
import { gridCols, hourRange, segmentsOn, SHADED } from './grid-layout';
import { outsideRanges, widenToWorking, workingRangesOn, type MinuteRange, type StaffColumn } from './staff-columns';
import { DayColumn, hourLabel, HourLabels } from './time-grid';
import type { CalendarDate } from './zoned-time';

// The agenda's day with a column per colleague (issue 16 item 10), their hours outside work shaded.
// On a phone the page passes one column at a time (its staff switcher picks which).

export interface StaffDayGridProps {
  day: CalendarDate;
  columns: readonly StaffColumn[];
  /** Each colleague's working hours; a colleague absent here is drawn as not limited. */
  hours: ReadonlyMap<string, readonly WorkingPeriod[]>;
  today: CalendarDate;
  now: Date;
  /** Called when an empty half hour of a column is clicked (editors only): book with that colleague. */
  onPickSlot?: (minutes: number, staffId: string | null) => void;
}

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** A column's name: the colleague's, "without a colleague", or "former colleague". */
export function useColumnName() {
  const { t } = useTranslation();
  return (column: StaffColumn) => column.name ?? (column.staffId === null ? t('agenda.staff.unassigned') : t('agenda.staff.former'));
}

/** "09:00–13:00, 14:00–18:00", "day off", or nothing when the colleague has no hours set. */
export function useHoursText() {
  const { t } = useTranslation();
  return (working: readonly MinuteRange[] | undefined) => {
    if (!working) return undefined;
    if (working.length === 0) return t('agenda.staff.dayOff');
    return t('agenda.staff.works', { hours: working.map((r) => `${clock(r.start)}–${clock(r.end)}`).join(', ') });
  };
}

export function StaffDayGrid({ day, columns, hours, today, now, onPickSlot }: StaffDayGridProps) {
  const { t } = useTranslation();
  const nameOf = useColumnName();
  const hoursText = useHoursText();
  const segments = columns.map((column) => segmentsOn(day, column.appointments));
  const working = columns.map((column) => (column.staffId ? workingRangesOn(hours.get(column.staffId), day) : undefined));
  const { first, last } = widenToWorking(hourRange(segments.flat()), working);
  const hourList = Array.from({ length: last - first }, (_, i) => first + i);
  const cols = gridCols(Math.min(columns.length, 12));
  return (
    <div className="rounded-xl border border-stone-200 bg-white">
      <div className="grid grid-cols-[3.5rem_minmax(0,1fr)]">
        <div className="border-b border-stone-200" />
        <div className={cn('grid', cols)}>
          {columns.map((column, i) => {
            const text = hoursText(working[i]);
            return (
              <div key={column.staffId ?? 'none'} className="flex min-w-0 flex-col items-center border-b border-l border-stone-200 px-1 py-2 text-center">
                <span className="w-full truncate text-sm font-semibold text-stone-900">{nameOf(column)}</span>
                <span className={cn('w-full truncate text-xs', working[i]?.length === 0 ? 'font-medium text-amber-800' : 'text-stone-600')}>{text ?? ' '}</span>
              </div>
            );
          })}
        </div>
        <HourLabels hours={hourList} />
        <div className={cn('grid', cols)}>
          {columns.map((column, i) => (
            <DayColumn
              key={column.staffId ?? 'none'}
              day={day}
              segments={segments[i]!}
              firstHour={first}
              hours={hourList.length}
              isToday={day === today}
              now={now}
              label={`${formatDayOfWeek(day)}, ${nameOf(column)}`}
              outside={outsideRanges(working[i], first * 60, last * 60)}
              columnKey={column.staffId ?? 'none'}
              onPickSlot={onPickSlot && ((_day, minutes) => onPickSlot(minutes, column.staffId))}
            />
          ))}
        </div>
      </div>
      <p className="sr-only">{t('agenda.grid.hours', { first: hourLabel(first), last: hourLabel(last) })} {t('agenda.staff.shadedHint')}</p>
      <p aria-hidden="true" className="flex items-center gap-2 border-t border-stone-200 px-3 py-2 text-xs text-stone-600">
        <span className={cn('inline-block size-4 rounded-sm ring-1 ring-stone-300', SHADED)} />
        {t('agenda.staff.shadedLegend')}
      </p>
    </div>
  );
}
