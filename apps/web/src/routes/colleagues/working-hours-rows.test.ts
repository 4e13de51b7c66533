import { describe, expect, it } from 'vitest';
import { periodsOf, rowErrors, rowsOf } from './working-hours-rows';

describe("the working-hours editor's rows", () => {
  it('keeps midnight at the end of the day as 24:00 for the API and 00:00 for the time input', () => {
    const rows = rowsOf([{ weekday: 5, start: '18:00', end: '24:00' }]);
    expect(rows[0]).toMatchObject({ weekday: 5, start: '18:00', end: '00:00' });
    expect(periodsOf(rows).periods).toEqual([{ weekday: 5, start: '18:00', end: '24:00' }]);
  });

  it('sends the periods by weekday, and puts the API\'s errors on the rows its indexes name', () => {
    const [tuesday, monday] = rowsOf([{ weekday: 2, start: '09:00', end: '17:00' }, { weekday: 1, start: '12:00', end: '10:00' }]);
    const broken = { ...tuesday!, start: '' };
    const { ordered, periods } = periodsOf([broken, monday!]);
    expect(periods.map((p) => p.weekday)).toEqual([1, 2]);
    const errors = rowErrors([{ path: 'periods.0.end', message: 'must end after it starts' }, { path: 'periods.1.start', message: 'must be a time like 09:00' }, { path: 'periods.7.end', message: 'x' }], ordered);
    expect([...errors]).toEqual([[`${monday!.key}.end`, 'end'], [`${broken.key}.start`, 'time']]);
  });
});
