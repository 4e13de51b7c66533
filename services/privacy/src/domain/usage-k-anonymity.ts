import type { UsageModule } from '@homi/contracts';

/** One day × module aggregate as stored: never an identifier, only counts. */
export interface StoredBucket {
  day: string;
  module: UsageModule;
  activeTenants: number;
  actions: number;
  requests: number;
}

/**
 * A bucket that fewer than `k` tenants stand for is suppressed: left out, and only counted. It is not
 * merged into a wider bucket, because distinct tenants do not add up (one tenant active in two small
 * modules is one tenant) and the digests that could count them again are gone once the day closes.
 */
export function applyMinimumBucket(buckets: readonly StoredBucket[], k: number): { served: StoredBucket[]; suppressed: number } {
  const served = buckets.filter((b) => b.activeTenants >= k);
  return { served, suppressed: buckets.length - served.length };
}
