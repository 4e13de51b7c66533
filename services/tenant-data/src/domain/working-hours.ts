import type { tenantDataApi } from '@homi/contracts';

/** The zone working hours are kept in: the institutes are Dutch. */
export const INSTITUTE_TIME_ZONE = 'Europe/Amsterdam';

/** When one staff member of an institute works, per weekday, in local time. No periods: not limited. */
export class StaffWorkingHours {
  updatedAt: Date;

  constructor(
    readonly tenantId: string,
    readonly userId: string,
    public periods: tenantDataApi.WorkingPeriod[],
    now: Date,
  ) {
    this.updatedAt = now;
  }
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const local = new Intl.DateTimeFormat('en-GB', {
  timeZone: INSTITUTE_TIME_ZONE, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** The local weekday (1 Monday … 7 Sunday), date and time (HH:MM) of an instant. */
export function localTime(at: Date): { weekday: number; date: string; time: string } {
  const parts = Object.fromEntries(local.formatToParts(at).map((p) => [p.type, p.value]));
  return { weekday: WEEKDAYS.indexOf(String(parts.weekday)) + 1, date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * Whether [startsAt, endsAt) lies within one working period of one local day. Without any periods the
 * staff member's hours are not set and nothing is outside them.
 */
export function withinWorkingHours(periods: readonly tenantDataApi.WorkingPeriod[], startsAt: Date, endsAt: Date): boolean {
  if (periods.length === 0) return true;
  const start = localTime(startsAt);
  const end = localTime(endsAt);
  // An appointment ending at local midnight ends at 24:00 of its start's day.
  const endTime = end.date !== start.date && end.time === '00:00' && endsAt.getTime() - startsAt.getTime() <= 86_400_000 ? '24:00' : end.time;
  if (end.date !== start.date && endTime !== '24:00') return false;
  return periods.some((p) => p.weekday === start.weekday && p.start <= start.time && endTime <= p.end);
}
