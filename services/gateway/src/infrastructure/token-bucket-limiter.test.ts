import { TokenBucketLimiter } from './token-bucket-limiter';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('token bucket limiter', () => {
  it('allows a burst up to the per-minute limit, then refuses with a retry time', () => {
    const time = clock();
    const limiter = new TokenBucketLimiter({ perMinute: 60, now: time.now });
    for (let i = 0; i < 60; i++) expect(limiter.take('user:a').allowed).toBe(true);
    const refused = limiter.take('user:a');
    expect(refused).toEqual({ allowed: false, limit: 60, remaining: 0, retryAfterSeconds: 1 });
  });

  it('refills at the sustained rate', () => {
    const time = clock();
    const limiter = new TokenBucketLimiter({ perMinute: 60, now: time.now });
    for (let i = 0; i < 60; i++) limiter.take('k');
    expect(limiter.take('k').allowed).toBe(false);
    time.advance(1000);
    expect(limiter.take('k').allowed).toBe(true);
    expect(limiter.take('k').allowed).toBe(false);
    time.advance(10_000);
    expect(limiter.take('k').remaining).toBe(9);
  });

  it('allows a burst of the per-hour limit, then one more every hour / limit', () => {
    const time = clock();
    const limiter = new TokenBucketLimiter({ perHour: 10, now: time.now });
    expect(limiter.windowSeconds).toBe(3_600);
    for (let i = 0; i < 10; i++) expect(limiter.take('ip:a').allowed).toBe(true);
    expect(limiter.take('ip:a')).toEqual({ allowed: false, limit: 10, remaining: 0, retryAfterSeconds: 360 });
    time.advance(359_000);
    expect(limiter.take('ip:a').allowed).toBe(false);
    time.advance(2_000);
    expect(limiter.take('ip:a').allowed).toBe(true);
    expect(limiter.take('ip:b').allowed).toBe(true);
  });

  it('needs exactly one of perMinute and perHour', () => {
    expect(() => new TokenBucketLimiter({})).toThrow();
    expect(() => new TokenBucketLimiter({ perMinute: 1, perHour: 1 })).toThrow();
  });

  it('reports the remaining tokens', () => {
    const limiter = new TokenBucketLimiter({ perMinute: 5, now: clock().now });
    expect([1, 2, 3].map(() => limiter.take('k').remaining)).toEqual([4, 3, 2]);
  });

  it('says how long to wait when the rate is slow', () => {
    const limiter = new TokenBucketLimiter({ perMinute: 2, now: clock().now });
    limiter.take('k');
    limiter.take('k');
    expect(limiter.take('k').retryAfterSeconds).toBe(30);
  });

  it('keeps separate buckets per key', () => {
    const limiter = new TokenBucketLimiter({ perMinute: 1, now: clock().now });
    expect(limiter.take('user:a').allowed).toBe(true);
    expect(limiter.take('user:a').allowed).toBe(false);
    expect(limiter.take('user:b').allowed).toBe(true);
    expect(limiter.take('ip:10.0.0.1').allowed).toBe(true);
  });

  it('sweeps buckets that have refilled and keeps the ones still draining', () => {
    const time = clock();
    const limiter = new TokenBucketLimiter({ perMinute: 60, now: time.now });
    limiter.take('idle');
    time.advance(30_000);
    for (let i = 0; i < 30; i++) limiter.take('busy');
    time.advance(1_000);
    expect(limiter.sweep()).toBe(1);
    expect(limiter.size).toBe(1);
    expect(limiter.take('busy').remaining).toBeLessThan(59);
  });

  it('never holds more than maxBuckets, dropping the least recently used', () => {
    const limiter = new TokenBucketLimiter({ perMinute: 1, maxBuckets: 3, now: clock().now });
    for (const key of ['a', 'b', 'c']) limiter.take(key);
    limiter.take('a');
    limiter.take('d');
    expect(limiter.size).toBe(3);
    // 'b' was least recently used and went; it starts full again, 'a' is still empty.
    expect(limiter.take('b').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });
});
