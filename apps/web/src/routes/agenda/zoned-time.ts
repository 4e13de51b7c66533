import { TIME_ZONE } from '../../format';

// The agenda's calendar arithmetic in the institutes' time zone (Europe/Amsterdam), whatever zone the
// browser is in: a day is a wall-clock day there, including the 23- and 25-hour days of DST changes.

/** A calendar day, `YYYY-MM-DD`. */
export type CalendarDate = string;

export interface WallTime {
  date: CalendarDate;
  /** Minutes since midnight on that day's wall clock (0–1439). */
  minutes: number;
}

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dateOf = (y: number, m: number, d: number): CalendarDate => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const splitDate = (date: CalendarDate) => date.split('-').map(Number) as [number, number, number];

function zonedFields(instant: Date) {
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(partsFormat.formatToParts(instant).find((p) => p.type === type)?.value);
  return { y: get('year'), m: get('month'), d: get('day'), h: get('hour'), min: get('minute'), s: get('second') };
}

/** The wall-clock day and minute of an instant in Amsterdam. */
export function wallTimeOf(instant: Date | string): WallTime {
  const f = zonedFields(typeof instant === 'string' ? new Date(instant) : instant);
  return { date: dateOf(f.y, f.m, f.d), minutes: f.h * 60 + f.min };
}

/** Amsterdam's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function offsetAt(ms: number): number {
  const f = zonedFields(new Date(ms));
  return Math.round((Date.UTC(f.y, f.m - 1, f.d, f.h, f.min, f.s) - Math.floor(ms / 1000) * 1000) / 60_000);
}

const DAY_MS = 86_400_000;

/**
 * The instant a wall-clock time in Amsterdam names. A time skipped by the spring change (02:30)
 * counts as after it (03:30); one that occurs twice in autumn is its first occurrence.
 */
export function instantOf(date: CalendarDate, minutes: number): Date {
  const [y, m, d] = splitDate(date);
  const asUtc = Date.UTC(y, m - 1, d, 0, minutes);
  const offsets = [offsetAt(asUtc - DAY_MS), offsetAt(asUtc + DAY_MS)];
  const valid = offsets.map((offset) => asUtc - offset * 60_000).filter((t) => offsetAt(t) * 60_000 === asUtc - t);
  return new Date(valid.length > 0 ? Math.min(...valid) : asUtc - offsets[0]! * 60_000);
}

export const todayDate = (now: Date = new Date()): CalendarDate => wallTimeOf(now).date;

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const [y, m, d] = splitDate(date);
  const next = new Date(Date.UTC(y, m - 1, d + days));
  return dateOf(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(date: CalendarDate): number {
  const [y, m, d] = splitDate(date);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** The Monday of the week the day is in (weeks start on Monday in the Netherlands). */
export const weekStart = (date: CalendarDate): CalendarDate => addDays(date, -weekdayIndex(date));

export const daysFrom = (first: CalendarDate, count: number): CalendarDate[] => Array.from({ length: count }, (_, i) => addDays(first, i));

const dayNumber = (date: CalendarDate) => {
  const [y, m, d] = splitDate(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
};

/** The ISO week number (week 1 holds the year's first Thursday). */
export function isoWeekNumber(date: CalendarDate): number {
  const thursday = addDays(weekStart(date), 3);
  return Math.floor((dayNumber(thursday) - dayNumber(`${thursday.slice(0, 4)}-01-01`)) / 7) + 1;
}

export const isCalendarDate = (value: unknown): value is CalendarDate =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && addDays(value, 0) === value;

/** A calendar day as a Date at noon UTC, for Intl formatting with timeZone UTC (no shift). */
export const noonOf = (date: CalendarDate) => new Date((dayNumber(date) + 0.5) * DAY_MS);

/** `YYYY-MM-DDTHH:mm` (a datetime-local input's value) of an instant, on Amsterdam's wall clock. */
export function localInputValue(instant: Date | string): string {
  const { date, minutes } = wallTimeOf(instant);
  return `${date}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** The instant a datetime-local value names on Amsterdam's wall clock; undefined when it is no such value. */
export function instantOfInputValue(value: string): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match || !isCalendarDate(match[1])) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  if (hours > 23 || minutes > 59) return undefined;
  return instantOf(match[1], hours * 60 + minutes);
}
