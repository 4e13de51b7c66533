import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppointmentsInPeriod, type Appointment } from '../../api/appointments';
import { useStaff } from '../../api/members';
import { useWorkingHoursOf } from '../../api/working-hours';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { Alert, Button, EmptyState, PageHeader, ProblemMessage, Skeleton, useMediaQuery, WIDE_SCREEN } from '../../ui';
import type { AgendaSearch, AgendaView } from './agenda-search';
import { AgendaToolbar } from './agenda-toolbar';
import { DayList } from './day-list';
import { formatDayRange, formatLongDay } from './format-day';
import { NewAppointmentDialog } from './new-appointment-dialog';
import { staffColumns } from './staff-columns';
import { StaffDayGrid } from './staff-day-grid';
import { StaffFilter, staffKey } from './staff-filter';
import { TimeGrid } from './time-grid';
import { useAgendaShortcuts } from './use-agenda-shortcuts';
import { useNow } from './use-now';
import { addDays, daysFrom, instantOf, isoWeekNumber, todayDate, wallTimeOf, weekStart, type CalendarDate } from './zoned-time';

const ROUTE = '/signed-in/shell/t/$tenantId/agenda';
const QUARTER = 15;

/** When a new appointment starts unless a slot was picked: the next quarter hour today, else 09:00 on the day shown. */
function defaultStart(date: CalendarDate, now: Date): Date {
  const wall = wallTimeOf(now);
  if (date !== wall.date) return instantOf(date, 9 * 60);
  return instantOf(date, Math.min(Math.ceil((wall.minutes + 1) / QUARTER) * QUARTER, 23 * 60 + 45));
}

/** /t/$tenantId/agenda */
export function AgendaPage() {
  const search = useSearch({ from: ROUTE });
  const navigate = useNavigate({ from: '/t/$tenantId/agenda' });
  return <Agenda search={search} onSearch={(next) => void navigate({ search: (prev) => ({ ...prev, ...next }) })} />;
}

/** The institute's day or week on a time grid (a list on a phone); booking with agenda:edit. */
export function Agenda({ search, onSearch: go }: { search: AgendaSearch; onSearch: (next: Partial<AgendaSearch>) => void }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const canEdit = useCan('agenda', 'edit');
  const wide = useMediaQuery(WIDE_SCREEN);
  const now = useNow();
  const today = todayDate(now);
  const view: AgendaView = search.view ?? (wide ? 'week' : 'day');
  const date = search.date ?? today;
  const days = view === 'week' ? daysFrom(weekStart(date), 7) : [date];
  const first = days[0]!;
  const last = days.at(-1)!;
  const period = useAppointmentsInPeriod(tenantId, instantOf(first, 0).toISOString(), instantOf(addDays(last, 1), 0).toISOString());
  const [newAt, setNewAt] = useState<Date>();
  const [newStaff, setNewStaff] = useState<string | null>(null);
  // A column per colleague once there is more than one (a salon of one keeps the plain day). The
  // colleagues come from the staff list, which agenda:view may read (a receptionist without users:view too).
  const staff = useStaff(tenantId);
  const colleagues = staff.data && staff.data.length > 1 ? staff.data : [];
  // Working hours are drawn in the day view only: the week does not ask for them.
  const hours = useWorkingHoursOf(tenantId, view === 'day' ? colleagues.map((c) => c.userId) : []);

  const step = (direction: 1 | -1) => go({ date: addDays(date, direction * (view === 'week' ? 7 : 1)) });
  useAgendaShortcuts({
    previous: () => step(-1), next: () => step(1), today: () => go({ date: undefined }), day: () => go({ view: 'day' }), week: () => go({ view: 'week' }),
  });

  const label = view === 'week'
    ? t('agenda.weekLabel', { week: isoWeekNumber(first), range: formatDayRange(first, last) })
    : `${formatLongDay(date)}${date === today ? ` · ${t('agenda.today')}` : ''}`;
  const allItems = period.data?.items ?? [];
  const columns = colleagues.length > 0 ? staffColumns(colleagues, allItems) : [];
  const byStaff = columns.length > 0 && view === 'week' && search.staff !== undefined;
  const items = byStaff ? allItems.filter((a) => staffKey(a.staffId) === search.staff) : allItems;
  // On a phone the staff day shows one column at a time: the one the switcher picked, else the first.
  const phoneColumn = columns.find((c) => staffKey(c.staffId) === search.staff) ?? columns[0];
  const staffDay = columns.length > 0 && view === 'day';
  const pickSlot = canEdit ? (minutes: number, staffId: string | null) => { setNewStaff(staffId); setNewAt(instantOf(date, minutes)); } : undefined;
  const creating = canEdit && (newAt !== undefined || search.bookFor !== undefined);
  const closeNew = () => {
    setNewAt(undefined);
    setNewStaff(null);
    if (search.bookFor) go({ bookFor: undefined });
  };
  const onCreated = (appointment: Appointment) => {
    setNewAt(undefined);
    setNewStaff(null);
    go({ bookFor: undefined, date: wallTimeOf(appointment.startsAt).date });
  };
  const newButton = canEdit && <Button onClick={() => setNewAt(defaultStart(date, now))}>{t('agenda.new.button')}</Button>;

  return (
    <>
      <PageHeader title={t('agenda.title')} actions={newButton} />
      <AgendaToolbar
        view={view}
        date={date}
        label={label}
        onPrevious={() => step(-1)}
        onToday={() => go({ date: undefined })}
        onNext={() => step(1)}
        onDate={(picked) => go({ date: picked })}
        onView={(picked) => go({ view: picked })}
      />
      {period.isPending && <Skeleton lines={8} />}
      {period.isError && <ProblemMessage problem={period.error} onRetry={() => void period.refetch()} />}
      {period.data && !period.data.complete && <Alert tone="warning" title={t('agenda.incomplete.title')}>{t('agenda.incomplete.text')}</Alert>}
      {period.isSuccess && columns.length > 0 && (view === 'week' || !wide) && (
        <StaffFilter columns={columns} everyone={view === 'week'} value={search.staff} onChange={(staff) => go({ staff })} />
      )}
      {period.isSuccess && staffDay && (
        <div aria-busy={period.isFetching || undefined}>
          <StaffDayGrid day={date} columns={wide ? columns : [phoneColumn!]} hours={hours} today={today} now={now} onPickSlot={pickSlot} />
        </div>
      )}
      {period.isSuccess && !staffDay && (
        <div aria-busy={period.isFetching || undefined}>
          {items.length === 0 && (
            <EmptyState title={t(`agenda.empty.title.${view}`)} action={wide ? undefined : newButton}>
              {canEdit ? t(`agenda.empty.text${wide ? 'Grid' : ''}`) : t('agenda.empty.textViewer')}
            </EmptyState>
          )}
          {wide ? (
            <div className={items.length === 0 ? 'mt-4' : undefined}>
              <TimeGrid days={days} appointments={items} today={today} now={now} onPickSlot={canEdit ? (day, minutes) => setNewAt(instantOf(day, minutes)) : undefined} />
            </div>
          ) : (
            items.length > 0 && <DayList days={days} appointments={items} today={today} now={now} />
          )}
        </div>
      )}
      {canEdit && (
        <NewAppointmentDialog
          open={creating}
          onOpenChange={(open) => !open && closeNew()}
          start={newAt ?? defaultStart(date, now)}
          staffId={newStaff ?? undefined}
          clientId={search.bookFor}
          treatmentSuggestions={[...new Set(items.map((a) => a.treatment))].sort().slice(0, 30)}
          onCreated={onCreated}
        />
      )}
    </>
  );
}
