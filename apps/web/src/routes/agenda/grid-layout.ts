import type { AppointmentListItem } from '../../api/appointments';
import { addDays, instantOf, wallTimeOf, type CalendarDate } from './zoned-time';

// Where appointments go on the agenda's time grid: rows of five minutes on the wall clock, and
// appointments that overlap side by side in lanes, as Google Calendar and Salonized place them.

export const SLOT_MINUTES = 5;
export const SLOTS_PER_HOUR = 60 / SLOT_MINUTES;
/** The hours a day shows when nothing is booked outside them. */
export const DEFAULT_HOURS = { first: 8, last: 20 } as const;
/** An appointment is at least this many rows tall, so its time and client stay readable. */
const MIN_SLOTS = 3;

/** Up to this many appointments side by side; more share the last lane. */
export const MAX_LANES = 12;

// Grid lines as classes: the Content-Security-Policy allows no inline styles, so styles.css has
// Tailwind generate every row-start, row-span, col-start and grid-cols class these can name.
export const rowStart = (line: number) => `row-start-${line}`;
export const rowSpan = (rows: number) => `row-span-${rows}`;
export const colStart = (line: number) => `col-start-${line}`;
export const gridCols = (columns: number) => `grid-cols-${columns}`;

/** How time outside a colleague's working hours looks: grey with stripes, not colour alone. */
export const SHADED = 'bg-stone-200/70 bg-[repeating-linear-gradient(135deg,transparent_0_6px,rgb(120_113_108/0.12)_6px_12px)]';

/** The part of an appointment on one day, in wall-clock minutes (an appointment may cross midnight). */
export interface DaySegment {
  appointment: AppointmentListItem;
  startMinutes: number;
  endMinutes: number;
  continuesBefore: boolean;
  continuesAfter: boolean;
}

export function segmentsOn(date: CalendarDate, appointments: readonly AppointmentListItem[]): DaySegment[] {
  const dayStart = instantOf(date, 0).getTime();
  const dayEnd = instantOf(addDays(date, 1), 0).getTime();
  return appointments.flatMap((appointment) => {
    const start = Date.parse(appointment.startsAt);
    const end = Date.parse(appointment.endsAt);
    if (start >= dayEnd || end <= dayStart) return [];
    return [{
      appointment,
      startMinutes: start <= dayStart ? 0 : wallTimeOf(appointment.startsAt).minutes,
      endMinutes: end >= dayEnd ? 24 * 60 : wallTimeOf(appointment.endsAt).minutes,
      continuesBefore: start < dayStart,
      continuesAfter: end > dayEnd,
    }];
  });
}

/** The whole hours shown: the default ones, widened to what is booked. */
export function hourRange(segments: readonly DaySegment[]): { first: number; last: number } {
  let first: number = DEFAULT_HOURS.first;
  let last: number = DEFAULT_HOURS.last;
  for (const s of segments) {
    first = Math.min(first, Math.floor(s.startMinutes / 60));
    last = Math.max(last, Math.ceil(s.endMinutes / 60));
  }
  return { first, last };
}

export interface Placed extends DaySegment {
  /** Row of the cluster, from 0. */
  row: number;
  rows: number;
  lane: number;
}

/** Appointments that overlap (directly or through each other), sharing the width in `lanes`. */
export interface Cluster {
  row: number;
  rows: number;
  lanes: number;
  items: Placed[];
}

/** Clusters of a day's segments, in rows from the first hour shown. */
export function clustersOf(segments: readonly DaySegment[], firstHour: number): Cluster[] {
  const offset = firstHour * 60;
  const sorted = segments
    .map((segment) => {
      const start = Math.floor((segment.startMinutes - offset) / SLOT_MINUTES);
      const end = Math.max(start + MIN_SLOTS, Math.ceil((segment.endMinutes - offset) / SLOT_MINUTES));
      return { segment, start, end };
    })
    .sort((a, b) => a.start - b.start || b.end - a.end || a.segment.appointment.id.localeCompare(b.segment.appointment.id));

  const clusters: Cluster[] = [];
  let laneEnds: number[] = [];
  let current: Cluster | undefined;
  for (const { segment, start, end } of sorted) {
    if (!current || start >= current.row + current.rows) {
      current = { row: start, rows: 0, lanes: 0, items: [] };
      clusters.push(current);
      laneEnds = [];
    }
    let lane = laneEnds.findIndex((laneEnd) => laneEnd <= start);
    if (lane < 0) lane = laneEnds.push(end) - 1;
    else laneEnds[lane] = end;
    current.rows = Math.max(current.rows, end - current.row);
    current.lanes = laneEnds.length;
    current.items.push({ ...segment, row: start - current.row, rows: end - start, lane });
  }
  return clusters;
}
