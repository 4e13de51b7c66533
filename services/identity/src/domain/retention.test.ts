import { retentionCutoff } from '@homi/privacy-kit';
import { retentionEnd } from './retention';

describe('retentionEnd', () => {
  it('adds calendar years, months, weeks and days in UTC', () => {
    expect(retentionEnd(new Date('2027-03-15T10:00:00Z'), 'P2Y').toISOString()).toBe('2029-03-15T10:00:00.000Z');
    expect(retentionEnd(new Date('2027-01-31T00:00:00Z'), 'P1M').toISOString()).toBe('2027-02-28T00:00:00.000Z');
    expect(retentionEnd(new Date('2028-02-29T12:00:00Z'), 'P1Y').toISOString()).toBe('2029-02-28T12:00:00.000Z');
    expect(retentionEnd(new Date('2027-12-31T23:00:00Z'), 'P1W1D').toISOString()).toBe('2028-01-08T23:00:00.000Z');
  });

  it('ends where the retention job\'s cutoff reaches the start', () => {
    const start = new Date('2027-06-10T08:30:00Z');
    for (const period of ['P1D', 'P1Y', 'P2Y', 'P13M']) expect(retentionCutoff(retentionEnd(start, period), period)).toEqual(start);
  });

  it('refuses what is not a date duration', () => {
    expect(() => retentionEnd(new Date(), 'PT1H')).toThrow(/ISO 8601/);
    expect(() => retentionEnd(new Date(), 'P')).toThrow(/ISO 8601/);
  });
});
