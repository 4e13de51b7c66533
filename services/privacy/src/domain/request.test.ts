import { addMonths, PrivacyRequest } from './request';
import { applyResult, OwnerTask, retryDelayMs } from './task';

describe('deadlines', () => {
  it('are four weeks after receipt', () => {
    const r = new PrivacyRequest('dsr_0000000001', 'access', { kind: 'user', userId: 'usr_00000001' }, { userId: 'usr_00000001' }, new Date('2026-03-01T12:00:00Z'));
    expect(r.dueAt.toISOString()).toBe('2026-03-29T12:00:00.000Z');
  });

  it('move by calendar months, ending on the last day of a shorter month', () => {
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2028-01-31T10:00:00Z'), 1).toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(addMonths(new Date('2026-11-15T10:00:00Z'), 2).toISOString()).toBe('2027-01-15T10:00:00.000Z');
  });
});

describe('retries', () => {
  it('double from RETRY_AFTER up to the cap, so 100 attempts outlast the longest deadline', () => {
    const base = 10 * 60_000;
    const cap = 24 * 3600_000;
    expect([1, 2, 3].map((n) => retryDelayMs(n, base, cap))).toEqual([base, 2 * base, 4 * base]);
    expect(retryDelayMs(30, base, cap)).toBe(cap);
    let total = 0;
    for (let n = 1; n < 100; n++) total += retryDelayMs(n, base, cap);
    expect(total).toBeGreaterThan((28 + 62) * 86_400_000);
  });
});

describe('an owner answer', () => {
  const task = () => new OwnerTask('dsr_0000000001', 'ledger', new Date(), new Date());
  const done = { outcome: 'completed' as const, results: [{ category: 'invoices', records: 2, action: 'erased' as const }] };

  it('completes the task once; the same answer again changes nothing, a different one is ignored', () => {
    const t = task();
    expect(applyResult(t, done, new Date())).toBe('completed');
    expect(t.nextCommandAt).toBeNull();
    expect(applyResult(t, { ...done, results: [{ category: 'invoices', action: 'erased', records: 2 }] }, new Date())).toBe('unchanged');
    expect(applyResult(t, { ...done, results: [{ category: 'invoices', records: 0, action: 'erased' }] }, new Date())).toBe('ignored');
    expect(applyResult(t, { outcome: 'failed', results: [], error: 'Error' }, new Date())).toBe('ignored');
    expect(t.results[0]?.records).toBe(2);
  });

  it("keeps the largest total of an erasure's answers, whichever answer came first", () => {
    const t = task();
    const zero = { outcome: 'completed' as const, results: [{ category: 'invoices', records: 0, action: 'erased' as const }, { category: 'ledger', records: 3, action: 'retained' as const }] };
    const real = { outcome: 'completed' as const, results: [{ category: 'invoices', records: 2, action: 'erased' as const }, { category: 'ledger', records: 3, action: 'retained' as const }] };
    expect(applyResult(t, zero, new Date(), 'accumulate')).toBe('completed');
    expect(applyResult(t, real, new Date(), 'accumulate')).toBe('merged');
    expect(t.results).toEqual(real.results);
    expect(applyResult(t, zero, new Date(), 'accumulate')).toBe('unchanged');
    expect(applyResult(t, { outcome: 'failed', results: [], error: 'Error' }, new Date(), 'accumulate')).toBe('ignored');
    expect(t.results).toEqual(real.results);
  });

  it("takes an owner's cumulative answer once: the same total twice is not twice the effect, a larger total replaces it", () => {
    const t = task();
    expect(applyResult(t, done, new Date(), 'accumulate')).toBe('completed');
    expect(applyResult(t, done, new Date(), 'accumulate')).toBe('unchanged');
    expect(t.results).toEqual(done.results);
    const more = { outcome: 'completed' as const, results: [{ category: 'invoices', records: 3, action: 'erased' as const }] };
    expect(applyResult(t, more, new Date(), 'accumulate')).toBe('merged');
    expect(applyResult(t, done, new Date(), 'accumulate')).toBe('unchanged');
    expect(t.results).toEqual(more.results);
  });

  it('records a failure until a later answer completes it', () => {
    const t = task();
    expect(applyResult(t, { outcome: 'failed', results: [], error: 'Error' }, new Date())).toBe('failed');
    expect(applyResult(t, { outcome: 'failed', results: [], error: 'Error' }, new Date())).toBe('unchanged');
    expect(applyResult(t, done, new Date())).toBe('completed');
    expect(t.error).toBeNull();
  });
});
