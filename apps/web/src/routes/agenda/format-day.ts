import { formatTime, localeOf } from '../../format';
import { i18n } from '../../i18n/i18n';
import { addDays, noonOf, type CalendarDate } from './zoned-time';

// A calendar day as the agenda names it, in the person's language (the day itself is already
// Amsterdam's, so it is formatted without a further zone shift).

const format = (date: CalendarDate, options: Intl.DateTimeFormatOptions, language?: string) =>
  new Intl.DateTimeFormat(localeOf(language), { ...options, timeZone: 'UTC' }).format(noonOf(date));

/** dinsdag 5 mei 2026 */
export const formatLongDay = (date: CalendarDate, language?: string) =>
  format(date, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, language);

/** dinsdag 5 mei */
export const formatDayOfWeek = (date: CalendarDate, language?: string) => format(date, { weekday: 'long', day: 'numeric', month: 'long' }, language);

/** di 5 */
export const formatWeekdayShort = (date: CalendarDate, language?: string) => format(date, { weekday: 'short' }, language);
export const formatDayNumber = (date: CalendarDate, language?: string) => format(date, { day: 'numeric' }, language);

/** 4 – 10 mei 2026 */
export function formatDayRange(first: CalendarDate, last: CalendarDate, language?: string): string {
  return new Intl.DateTimeFormat(localeOf(language), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .formatRange(noonOf(first), noonOf(last));
}

/** 10:00–11:30 */
export const formatTimeRange = (startsAt: string, endsAt: string) =>
  i18n.t('agenda.timeRange', { start: formatTime(startsAt), end: formatTime(endsAt) });

export const minutesBetween = (startsAt: string, endsAt: string) => Math.round((Date.parse(endsAt) - Date.parse(startsAt)) / 60_000);

/** maandag … zondag for weekday 1 (Monday) … 7 (Sunday), as working hours number them. */
export const formatWeekday = (weekday: number, language?: string) =>
  new Intl.DateTimeFormat(localeOf(language), { weekday: 'long', timeZone: 'UTC' }).format(noonOf(addDays('2026-01-05', weekday - 1)));
