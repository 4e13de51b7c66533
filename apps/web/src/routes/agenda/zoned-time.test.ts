import { describe, expect, it } from 'vitest';
import {
  addDays, instantOf, instantOfInputValue, isCalendarDate, isoWeekNumber, localInputValue, todayDate, wallTimeOf, weekStart,
} from './zoned-time';

describe("the agenda's time in Amsterdam", () => {
  it('reads an instant on the wall clock in winter and in summer', () => {
    expect(wallTimeOf('2026-01-15T08:30:00Z')).toEqual({ date: '2026-01-15', minutes: 9 * 60 + 30 });
    expect(wallTimeOf('2026-07-15T08:30:00Z')).toEqual({ date: '2026-07-15', minutes: 10 * 60 + 30 });
    expect(wallTimeOf('2026-07-15T23:30:00Z')).toEqual({ date: '2026-07-16', minutes: 90 });
    expect(todayDate(new Date('2026-03-01T23:15:00Z'))).toBe('2026-03-02');
  });

  it('turns a wall-clock time back into the instant, across the changes to and from summer time', () => {
    expect(instantOf('2026-01-15', 9 * 60 + 30).toISOString()).toBe('2026-01-15T08:30:00.000Z');
    expect(instantOf('2026-07-15', 10 * 60 + 30).toISOString()).toBe('2026-07-15T08:30:00.000Z');
    // 29 March 2026: 02:00 becomes 03:00; 02:30 does not exist and means 03:30.
    expect(instantOf('2026-03-29', 60).toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(instantOf('2026-03-29', 150).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(instantOf('2026-03-29', 240).toISOString()).toBe('2026-03-29T02:00:00.000Z');
    // 25 October 2026: 03:00 becomes 02:00; 02:30 happens twice and means the first.
    expect(instantOf('2026-10-25', 150).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(instantOf('2026-10-25', 240).toISOString()).toBe('2026-10-25T03:00:00.000Z');
    // Midnight and the day after.
    expect(instantOf('2026-07-15', 0).toISOString()).toBe('2026-07-14T22:00:00.000Z');
    expect(instantOf('2026-07-15', 24 * 60).toISOString()).toBe('2026-07-15T22:00:00.000Z');
  });

  it('counts days and weeks from Monday, across months and years', () => {
    expect(addDays('2026-02-27', 3)).toBe('2026-03-02');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(weekStart('2026-05-10')).toBe('2026-05-04');
    expect(weekStart('2026-05-04')).toBe('2026-05-04');
    expect(weekStart('2026-01-01')).toBe('2025-12-29');
    expect(isoWeekNumber('2026-01-01')).toBe(1);
    expect(isoWeekNumber('2026-05-06')).toBe(19);
    expect(isoWeekNumber('2027-01-01')).toBe(53);
    expect(isoWeekNumber('2024-12-30')).toBe(1);
  });

  it('reads and writes the value of a date-and-time field on the wall clock', () => {
    expect(localInputValue('2026-07-15T08:05:00Z')).toBe('2026-07-15T10:05');
    expect(instantOfInputValue('2026-07-15T10:05')?.toISOString()).toBe('2026-07-15T08:05:00.000Z');
    expect(instantOfInputValue('2026-02-30T10:05')).toBeUndefined();
    expect(instantOfInputValue('2026-07-15T25:00')).toBeUndefined();
    expect(instantOfInputValue('')).toBeUndefined();
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('tomorrow')).toBe(false);
  });
});
