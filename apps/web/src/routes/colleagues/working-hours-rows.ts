import type { FieldProblem } from '../../api/problem';
import type { WorkingPeriod } from '../../api/working-hours';

// The working-hours editor's rows: what the time inputs hold, and the API's periods they stand for.

export interface HoursRow {
  /** Stable across edits, for React and for the errors the API answers by index. */
  key: number;
  weekday: number;
  start: string;
  end: string;
}

let next = 0;
export const newRow = (weekday: number, start = '09:00', end = '17:00'): HoursRow => ({ key: ++next, weekday, start, end });

// A time input cannot hold 24:00: midnight at the end of the day shows as 00:00 and is sent as 24:00.
export const rowsOf = (periods: readonly WorkingPeriod[]): HoursRow[] =>
  periods.map((p) => newRow(p.weekday, p.start, p.end === '24:00' ? '00:00' : p.end));

/** The periods to send, grouped by weekday in the rows' order: index i of the request is `ordered[i]`. */
export function periodsOf(rows: readonly HoursRow[]): { ordered: HoursRow[]; periods: WorkingPeriod[] } {
  const ordered = [...rows].sort((a, b) => a.weekday - b.weekday);
  return { ordered, periods: ordered.map((r) => ({ weekday: r.weekday, start: r.start, end: r.end === '00:00' ? '24:00' : r.end })) };
}

export type RowError = 'time' | 'end';
const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/**
 * The API's field problems (`periods.3.end`) on the rows they name, by row key and field: a value that
 * is no time says so, an end that is a time must come after the start.
 */
export function rowErrors(errors: readonly FieldProblem[], ordered: readonly HoursRow[]): Map<string, RowError> {
  const out = new Map<string, RowError>();
  for (const error of errors) {
    const match = /^periods\.(\d+)(?:\.(start|end|weekday))?$/.exec(error.path);
    const row = match && ordered[Number(match[1])];
    if (!row) continue;
    const field = match[2] === 'start' ? 'start' : 'end';
    out.set(`${row.key}.${field}`, TIME.test(row[field]) ? (field === 'end' ? 'end' : 'time') : 'time');
  }
  return out;
}
