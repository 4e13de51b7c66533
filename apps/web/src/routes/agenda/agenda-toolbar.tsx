import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, SegmentedControl, TextInput } from '../../ui';
import type { AgendaView } from './agenda-search';
import { isCalendarDate, type CalendarDate } from './zoned-time';

export interface AgendaToolbarProps {
  view: AgendaView;
  date: CalendarDate;
  /** What is shown, said in words: "week 19 · 4 – 10 mei 2026". */
  label: string;
  onPrevious: () => void;
  onToday: () => void;
  onNext: () => void;
  onDate: (date: CalendarDate) => void;
  onView: (view: AgendaView) => void;
}

/** Moving through the agenda: previous, today, next, a date, day or week; the shortcuts say themselves. */
export function AgendaToolbar({ view, date, label, onPrevious, onToday, onNext, onDate, onView }: AgendaToolbarProps) {
  const { t } = useTranslation();
  const dateId = useId();
  const unit = view === 'week' ? 'week' : 'day';
  return (
    <div className="mb-4 flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <div className="flex items-center gap-1">
          <Button variant="secondary" onClick={onPrevious} aria-keyshortcuts="P" aria-label={t(`agenda.nav.previous.${unit}`)}>
            <span aria-hidden="true">‹</span>
          </Button>
          <Button variant="secondary" onClick={onToday} aria-keyshortcuts="T">{t('agenda.nav.today')}</Button>
          <Button variant="secondary" onClick={onNext} aria-keyshortcuts="N" aria-label={t(`agenda.nav.next.${unit}`)}>
            <span aria-hidden="true">›</span>
          </Button>
        </div>
        <div className="w-44">
          <label htmlFor={dateId} className="sr-only">{t('agenda.nav.date')}</label>
          <TextInput id={dateId} type="date" value={date} onChange={(event) => isCalendarDate(event.target.value) && onDate(event.target.value)} />
        </div>
        <SegmentedControl
          label={t('agenda.nav.view')}
          className="sm:ml-auto"
          value={view}
          onChange={onView}
          options={[
            { value: 'day', label: t('agenda.nav.views.day'), shortcut: 'D' },
            { value: 'week', label: t('agenda.nav.views.week'), shortcut: 'W' },
          ]}
        />
      </div>
      <h2 aria-live="polite" className="text-lg font-semibold text-stone-900 first-letter:uppercase">{label}</h2>
      <p className="hidden text-xs text-stone-600 md:block">{t('agenda.nav.shortcuts')}</p>
    </div>
  );
}
