import { i18n } from './i18n/i18n';

// Every date, amount and duration a person sees goes through here: Intl in the person's language,
// times in the institutes' time zone.
export const TIME_ZONE = 'Europe/Amsterdam';

const LOCALES: Record<string, string> = { nl: 'nl-NL', en: 'en-GB' };
export const localeOf = (language: string = i18n.language) => LOCALES[language] ?? LOCALES.nl!;

const toDate = (value: string | Date) => (typeof value === 'string' ? new Date(value) : value);

/** 3 februari 2026 */
export function formatDate(value: string | Date, language?: string): string {
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'long', timeZone: TIME_ZONE }).format(toDate(value));
}

/** A calendar date without a time (a date of birth, `YYYY-MM-DD`): no time zone shift. */
export function formatCalendarDate(isoDate: string, language?: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/** 3 feb 2026, 14:30 */
export function formatDateTime(value: string | Date, language?: string): string {
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(toDate(value));
}

/** 3 feb 2026, 14:30:05: for a log, where the order within a minute matters. */
export function formatDateTimeSeconds(value: string | Date, language?: string): string {
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'medium', timeZone: TIME_ZONE }).format(toDate(value));
}

export function formatTime(value: string | Date, language?: string): string {
  return new Intl.DateTimeFormat(localeOf(language), { timeStyle: 'short', timeZone: TIME_ZONE }).format(toDate(value));
}

/** € 45,00 from 4500 cents. */
export function formatMoney(cents: number, language?: string, currency = 'EUR'): string {
  return new Intl.NumberFormat(localeOf(language), { style: 'currency', currency }).format(cents / 100);
}

/** 1 uur 30 minuten / 1 hour 30 minutes */
export function formatDuration(totalMinutes: number, language?: string): string {
  const locale = localeOf(language);
  const unit = (value: number, u: 'hour' | 'minute') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'long' }).format(value);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return unit(minutes, 'minute');
  return minutes === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')} ${unit(minutes, 'minute')}`;
}
