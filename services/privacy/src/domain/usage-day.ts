/** Days as the statistics count them: UTC calendar days, `YYYY-MM-DD`. */

export const DAY_MS = 86_400_000;

export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

export const startOf = (day: string): Date => new Date(`${day}T00:00:00.000Z`);

export const addDays = (day: string, days: number): string => utcDay(new Date(startOf(day).getTime() + days * DAY_MS));

/** A day closes once it has ended and the grace period for late events has passed. */
export const closesAt = (day: string, graceMs: number): Date => new Date(startOf(day).getTime() + DAY_MS + graceMs);

export const isClosed = (day: string, now: Date, graceMs: number): boolean => now.getTime() >= closesAt(day, graceMs).getTime();

/** The last day that has closed at `now`. */
export const lastClosedDay = (now: Date, graceMs: number): string => utcDay(new Date(now.getTime() - graceMs - DAY_MS));

/** A Postgres advisory-lock key for the day: its number since the epoch. */
export const dayNumber = (day: string): number => Math.round(startOf(day).getTime() / DAY_MS);
