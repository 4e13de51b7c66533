import type { AppointmentListItem } from '../../api/appointments';
import type { WorkingPeriod } from '../../api/working-hours';
import { weekdayIndex, type CalendarDate } from './zoned-time';

// The agenda's day per staff member (issue 16 item 10): which columns a day shows, and which of each
// column's hours lie outside that colleague's working hours.

/** A colleague as the agenda names them. */
export interface Colleague {
  userId: string;
  name: string;
}

export interface StaffColumn {
  /** A colleague's user id; null for the appointments booked without one. */
  staffId: string | null;
  /** The colleague's name; undefined for the column without one and for someone no longer a colleague. */
  name?: string;
  appointments: AppointmentListItem[];
}

/**
 * One column per colleague (by name), then one per staff id the appointments name that is no colleague
 * any more, then one for appointments without a staff member — only when there are any.
 */
export function staffColumns(colleagues: readonly Colleague[], appointments: readonly AppointmentListItem[]): StaffColumn[] {
  const byStaff = new Map<string | null, AppointmentListItem[]>();
  for (const appointment of appointments) {
    const list = byStaff.get(appointment.staffId) ?? [];
    list.push(appointment);
    byStaff.set(appointment.staffId, list);
  }
  const known = new Set(colleagues.map((c) => c.userId));
  const columns: StaffColumn[] = [...colleagues]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => ({ staffId: c.userId, name: c.name, appointments: byStaff.get(c.userId) ?? [] }));
  for (const [staffId, list] of byStaff) {
    if (staffId !== null && !known.has(staffId)) columns.push({ staffId, appointments: list });
  }
  const unassigned = byStaff.get(null);
  if (unassigned) columns.push({ staffId: null, appointments: unassigned });
  return columns;
}

/** A stretch of a day's wall clock, in minutes from midnight, end exclusive. */
export interface MinuteRange {
  start: number;
  end: number;
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** A colleague's working periods on this day, in minutes, in order; undefined when no hours are set (not limited). */
export function workingRangesOn(periods: readonly WorkingPeriod[] | undefined, date: CalendarDate): MinuteRange[] | undefined {
  if (!periods || periods.length === 0) return undefined;
  const weekday = weekdayIndex(date) + 1;
  return periods
    .filter((p) => p.weekday === weekday)
    .map((p) => ({ start: minutesOf(p.start), end: minutesOf(p.end) }))
    .sort((a, b) => a.start - b.start);
}

/** What of [from, to) lies outside the working ranges (all of it on a day off); nothing when hours are not set. */
export function outsideRanges(working: readonly MinuteRange[] | undefined, from: number, to: number): MinuteRange[] {
  if (!working) return [];
  const out: MinuteRange[] = [];
  let at = from;
  for (const range of working) {
    if (range.start > at) out.push({ start: at, end: Math.min(range.start, to) });
    at = Math.max(at, range.end);
    if (at >= to) break;
  }
  if (at < to) out.push({ start: at, end: to });
  return out.filter((r) => r.end > r.start);
}

/** The hours a staff day shows: those the appointments need, widened to everyone's working hours. */
export function widenToWorking(hours: { first: number; last: number }, working: readonly (readonly MinuteRange[] | undefined)[]): { first: number; last: number } {
  let { first, last } = hours;
  for (const ranges of working) {
    for (const r of ranges ?? []) {
      first = Math.min(first, Math.floor(r.start / 60));
      last = Math.max(last, Math.ceil(r.end / 60));
    }
  }
  return { first, last };
}
