import type { RateLimiter, TakeResult } from '../application/ports';

export interface TokenBucketOptions {
  /** Sustained rate; also the burst a fresh bucket allows. Give this or `perHour`. */
  perMinute?: number;
  /** The same over an hour, for rare actions such as sign-up. */
  perHour?: number;
  /** Most buckets kept; past it the least recently used one is dropped (it starts full again). */
  maxBuckets?: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token buckets per key (user or IP), in memory: each replica limits on its own. Memory is bounded:
 * a bucket that has refilled is equivalent to none and is swept, and past `maxBuckets` the least
 * recently used bucket goes.
 */
export class TokenBucketLimiter implements RateLimiter {
  readonly limit: number;
  /** The window `limit` refers to, in seconds (`RateLimit-Policy`). */
  readonly windowSeconds: number;
  private readonly perMs: number;
  private readonly maxBuckets: number;
  private readonly now: () => number;
  private readonly buckets = new Map<string, Bucket>();

  constructor({ perMinute, perHour, maxBuckets = 100_000, now = Date.now }: TokenBucketOptions) {
    if ((perMinute === undefined) === (perHour === undefined)) throw new Error('give exactly one of perMinute and perHour');
    this.limit = perMinute ?? (perHour as number);
    this.windowSeconds = perMinute !== undefined ? 60 : 3_600;
    this.perMs = this.limit / (this.windowSeconds * 1000);
    this.maxBuckets = maxBuckets;
    this.now = now;
  }

  get size(): number {
    return this.buckets.size;
  }

  take(key: string): TakeResult {
    const now = this.now();
    const bucket = this.refill(this.buckets.get(key), now);
    // Re-inserting keeps the map in least-recently-used order for eviction.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value as string);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, limit: this.limit, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
    return { allowed: false, limit: this.limit, remaining: 0, retryAfterSeconds };
  }

  /** Drops every bucket that has refilled completely; returns how many went. */
  sweep(): number {
    const now = this.now();
    let dropped = 0;
    for (const [key, bucket] of this.buckets) {
      if (this.refill(bucket, now).tokens >= this.limit) {
        this.buckets.delete(key);
        dropped++;
      }
    }
    return dropped;
  }

  /** Sweeps on a timer that does not keep the process alive; returns the stop function. */
  startSweeping(intervalMs = 60_000): () => void {
    const timer = setInterval(() => this.sweep(), intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  private refill(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.limit, updatedAt: now };
    bucket.tokens = Math.min(this.limit, bucket.tokens + Math.max(0, now - bucket.updatedAt) * this.perMs);
    bucket.updatedAt = now;
    return bucket;
  }
}
