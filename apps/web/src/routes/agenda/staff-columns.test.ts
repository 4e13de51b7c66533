import { describe, expect, it } from 'vitest';
import type { AppointmentListItem as Appointment } from '../../api/appointments';
import { outsideRanges, staffColumns, widenToWorking, workingRangesOn } from './staff-columns';

const at = (id: string, staffId: string | null): Appointment => ({
  id, client: { id: 'cli_anna00000001', name: 'Anna', email: null, phone: null, masked: false }, startsAt: '2026-05-04T08:00:00.000Z', endsAt: '2026-05-04T09:00:00.000Z',
  treatment: 'Pedicure', treatmentId: null, staffId, status: 'booked', hasNotes: false, createdAt: '2026-05-01T10:00:00.000Z', updatedAt: '2026-05-01T10:00:00.000Z',
});
const colleagues = [{ userId: 'usr_zoe000000001', name: 'Zoë' }, { userId: 'usr_anke00000001', name: 'Anke' }];

describe("the agenda's staff columns", () => {
  it('gives every colleague a column by name, appointments in their own column, and no column without a colleague when none needs it', () => {
    const columns = staffColumns(colleagues, [at('apt_1', 'usr_zoe000000001')]);
    expect(columns.map((c) => [c.name, c.appointments.map((a) => a.id)])).toEqual([['Anke', []], ['Zoë', ['apt_1']]]);
  });

  it('adds a column for appointments without a colleague, and one per former colleague, last', () => {
    const columns = staffColumns(colleagues, [at('apt_1', null), at('apt_2', 'usr_gone00000001'), at('apt_3', null)]);
    expect(columns.map((c) => [c.staffId, c.name, c.appointments.length])).toEqual([
      ['usr_anke00000001', 'Anke', 0], ['usr_zoe000000001', 'Zoë', 0], ['usr_gone00000001', undefined, 1], [null, undefined, 2],
    ]);
  });
});

describe('working hours on a day', () => {
  const periods = [
    { weekday: 1, start: '13:00', end: '18:00' }, { weekday: 1, start: '09:00', end: '12:30' }, { weekday: 2, start: '09:00', end: '17:00' },
  ];
  it("takes that weekday's periods in order; a day without any is a day off; no periods at all is not limited", () => {
    expect(workingRangesOn(periods, '2026-05-04')).toEqual([{ start: 540, end: 750 }, { start: 780, end: 1080 }]);
    expect(workingRangesOn(periods, '2026-05-06')).toEqual([]);
    expect(workingRangesOn([], '2026-05-04')).toBeUndefined();
    expect(workingRangesOn(undefined, '2026-05-04')).toBeUndefined();
  });

  it('shades what lies outside them within the hours shown: around and between the periods, the whole of a day off, nothing when not limited', () => {
    const monday = workingRangesOn(periods, '2026-05-04');
    expect(outsideRanges(monday, 480, 1200)).toEqual([{ start: 480, end: 540 }, { start: 750, end: 780 }, { start: 1080, end: 1200 }]);
    expect(outsideRanges([], 480, 1200)).toEqual([{ start: 480, end: 1200 }]);
    expect(outsideRanges(undefined, 480, 1200)).toEqual([]);
    expect(outsideRanges([{ start: 420, end: 1260 }], 480, 1200)).toEqual([]);
  });

  it("widens the hours shown to everyone's working hours", () => {
    expect(widenToWorking({ first: 8, last: 20 }, [[{ start: 420, end: 750 }], undefined, [{ start: 780, end: 1290 }]])).toEqual({ first: 7, last: 22 });
  });
});
