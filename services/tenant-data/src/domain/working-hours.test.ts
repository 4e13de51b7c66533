import { localTime, withinWorkingHours } from './working-hours';

const tuesday = [{ weekday: 2, start: '09:00', end: '17:00' }];

describe('working hours', () => {
  it('reads instants in Amsterdam time, summer and winter alike', () => {
    expect(localTime(new Date('2026-12-08T08:00:00Z'))).toEqual({ weekday: 2, date: '2026-12-08', time: '09:00' });
    expect(localTime(new Date('2026-07-07T07:00:00Z'))).toEqual({ weekday: 2, date: '2026-07-07', time: '09:00' });
  });

  it('admits an appointment within one period of its local day, and nothing else', () => {
    const ok = (from: string, to: string) => withinWorkingHours(tuesday, new Date(from), new Date(to));
    expect(ok('2026-12-08T09:00:00+01:00', '2026-12-08T17:00:00+01:00')).toBe(true);
    expect(ok('2026-07-07T09:00:00+02:00', '2026-07-07T10:00:00+02:00')).toBe(true);
    expect(ok('2026-12-08T08:59:00+01:00', '2026-12-08T10:00:00+01:00')).toBe(false);
    expect(ok('2026-12-08T16:30:00+01:00', '2026-12-08T17:01:00+01:00')).toBe(false);
    expect(ok('2026-12-09T10:00:00+01:00', '2026-12-09T11:00:00+01:00')).toBe(false); // Wednesday
    // 09:00 UTC in winter is 10:00 in Amsterdam: inside; 16:30 UTC is 17:30: outside.
    expect(ok('2026-12-08T09:00:00Z', '2026-12-08T10:00:00Z')).toBe(true);
    expect(ok('2026-12-08T16:30:00Z', '2026-12-08T16:45:00Z')).toBe(false);
  });

  it('lets an evening period end at midnight, and never spans two days', () => {
    const evening = [{ weekday: 2, start: '18:00', end: '24:00' }, { weekday: 3, start: '00:00', end: '24:00' }];
    expect(withinWorkingHours(evening, new Date('2026-12-08T23:00:00+01:00'), new Date('2026-12-09T00:00:00+01:00'))).toBe(true);
    expect(withinWorkingHours(evening, new Date('2026-12-08T23:00:00+01:00'), new Date('2026-12-09T00:30:00+01:00'))).toBe(false);
  });

  it('does not limit a member without periods', () => {
    expect(withinWorkingHours([], new Date('2026-12-13T03:00:00+01:00'), new Date('2026-12-13T04:00:00+01:00'))).toBe(true);
  });
});
