import { RefusalThrottle, type Throttled } from './refusal-throttle';

const counted = (entries: Throttled<string>[]) => entries.reduce((n, e) => n + 1 + e.repeats, 0);

describe('RefusalThrottle', () => {
  it('writes the first refusal of a key at once and holds back the rest of its window', () => {
    const throttle = new RefusalThrottle<string>(10_000);
    expect(throttle.admit('a', 'first', 0)).toEqual([{ item: 'first', at: 0, repeats: 0 }]);
    expect(throttle.admit('a', 'second', 1_000)).toEqual([]);
    expect(throttle.admit('a', 'third', 9_999)).toEqual([]);
    // Another key has a window of its own.
    expect(throttle.admit('b', 'other', 5_000)).toEqual([{ item: 'other', at: 5_000, repeats: 0 }]);
  });

  it('writes the latest held refusal when the window ends, carrying how many came before it', () => {
    const throttle = new RefusalThrottle<string>(10_000);
    throttle.admit('a', 'r1', 0);
    throttle.admit('a', 'r2', 1_000);
    throttle.admit('a', 'r3', 2_000);
    throttle.admit('a', 'r4', 3_000);
    expect(throttle.expire(9_999)).toEqual([]);
    expect(throttle.expire(10_000)).toEqual([{ item: 'r4', at: 3_000, repeats: 2 }]);
    // That entry opened the next window: a refusal right after it is held, not written.
    expect(throttle.admit('a', 'r5', 10_500)).toEqual([]);
    expect(throttle.expire(20_000)).toEqual([{ item: 'r5', at: 10_500, repeats: 0 }]);
    // A quiet window ends with nothing to write and the key is forgotten.
    expect(throttle.expire(30_000)).toEqual([]);
    expect(throttle.size).toBe(0);
  });

  it('lets the next refusal after an unflushed window carry the held ones', () => {
    const throttle = new RefusalThrottle<string>(10_000);
    throttle.admit('a', 'r1', 0);
    throttle.admit('a', 'r2', 1_000);
    throttle.admit('a', 'r3', 2_000);
    expect(throttle.admit('a', 'r4', 12_000)).toEqual([{ item: 'r4', at: 12_000, repeats: 2 }]);
    expect(throttle.expire(22_000)).toEqual([]);
  });

  it('yields one entry per window for a loop that never stops, and loses no refusal from the count', () => {
    const throttle = new RefusalThrottle<string>(10_000);
    const written: Throttled<string>[] = [];
    for (let t = 0; t < 60_000; t += 100) {
      written.push(...throttle.admit('a', `r${t}`, t));
      if (t % 1_000 === 0) written.push(...throttle.expire(t));
    }
    written.push(...throttle.drain());
    expect(written.length).toBeLessThanOrEqual(7);
    expect(counted(written)).toBe(600);
  });

  it('bounds its memory, writing an evicted key\'s remainder instead of dropping it', () => {
    const throttle = new RefusalThrottle<string>(10_000, 2);
    throttle.admit('a', 'a1', 0);
    throttle.admit('a', 'a2', 1);
    throttle.admit('b', 'b1', 2);
    expect(throttle.admit('c', 'c1', 3)).toEqual([{ item: 'c1', at: 3, repeats: 0 }, { item: 'a2', at: 1, repeats: 0 }]);
    expect(throttle.size).toBe(2);
    expect(throttle.drain()).toEqual([]);
  });
});
