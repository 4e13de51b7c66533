import type { UsageCount, UsageModule } from '@homi/contracts';

/** Calls let through per (UTC day, tenant, module) since the last cut; memory only. */
export class UsageCounter {
  private counts = new Map<string, UsageCount>();

  add(at: Date, tenantId: string, module: UsageModule): void {
    const day = at.toISOString().slice(0, 10);
    const key = `${day} ${tenantId} ${module}`;
    const seen = this.counts.get(key);
    if (seen) seen.requests++;
    else this.counts.set(key, { day, tenantId, module, requests: 1 });
  }

  get size(): number {
    return this.counts.size;
  }

  /** Everything counted so far; the counter starts again from nothing. */
  cut(): UsageCount[] {
    const counts = [...this.counts.values()];
    this.counts = new Map();
    return counts;
  }
}
