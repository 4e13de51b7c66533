import { describe, expect, it } from 'vitest';
import type { AppointmentListItem as Appointment } from '../../api/appointments';
import { clustersOf, hourRange, segmentsOn } from './grid-layout';

let n = 0;
/** An appointment from and to Amsterdam wall-clock times in summer (UTC+2). */
function appointment(from: string, to: string): Appointment {
  const at = (local: string) => new Date(`${local}:00+02:00`).toISOString();
  n++;
  return {
    id: `apt_test${String(n).padStart(8, '0')}`, client: { id: 'cli_test00000001', name: 'Anna', email: null, phone: null, masked: false },
    startsAt: at(from), endsAt: at(to), treatment: 'Pedicure', treatmentId: null, staffId: null, status: 'booked', hasNotes: false, createdAt: at(from), updatedAt: at(from),
  };
}

describe('placing appointments on the time grid', () => {
  it("takes the part of each appointment on the day, also of one crossing midnight", () => {
    const late = appointment('2026-07-15T22:00', '2026-07-16T01:30');
    const morning = appointment('2026-07-16T09:00', '2026-07-16T10:15');
    const other = appointment('2026-07-17T09:00', '2026-07-17T10:00');
    const segments = segmentsOn('2026-07-16', [late, morning, other]);
    expect(segments.map((s) => [s.appointment.id, s.startMinutes, s.endMinutes, s.continuesBefore, s.continuesAfter])).toEqual([
      [late.id, 0, 90, true, false],
      [morning.id, 540, 615, false, false],
    ]);
    expect(segmentsOn('2026-07-15', [late]).map((s) => [s.startMinutes, s.endMinutes, s.continuesAfter])).toEqual([[1320, 1440, true]]);
    expect(hourRange(segments)).toEqual({ first: 0, last: 20 });
    expect(hourRange([])).toEqual({ first: 8, last: 20 });
    expect(hourRange(segmentsOn('2026-07-17', [appointment('2026-07-17T19:30', '2026-07-17T21:10')]))).toEqual({ first: 8, last: 22 });
  });

  it('puts overlapping appointments side by side and the rest full width', () => {
    const a = appointment('2026-07-16T09:00', '2026-07-16T10:00');
    const b = appointment('2026-07-16T09:30', '2026-07-16T11:00');
    const c = appointment('2026-07-16T10:00', '2026-07-16T10:30');
    const d = appointment('2026-07-16T13:00', '2026-07-16T13:05');
    const clusters = clustersOf(segmentsOn('2026-07-16', [d, c, b, a]), 8);
    expect(clusters.map((cl) => ({ row: cl.row, rows: cl.rows, lanes: cl.lanes, items: cl.items.map((i) => [i.appointment.id, i.row, i.rows, i.lane]) }))).toEqual([
      // 09:00 is row 12 from 08:00; c fits in a's lane once a has ended.
      { row: 12, rows: 24, lanes: 2, items: [[a.id, 0, 12, 0], [b.id, 6, 18, 1], [c.id, 12, 6, 0]] },
      // Five minutes still gets three rows, to stay readable.
      { row: 60, rows: 3, lanes: 1, items: [[d.id, 0, 3, 0]] },
    ]);
  });
});
