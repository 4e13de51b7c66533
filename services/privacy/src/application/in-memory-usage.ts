import type { StoredBucket } from '../domain/usage-k-anonymity';
import type { TenantUsageCounts, UsageCounts, UsageRepository } from './ports';

/** The usage tables as maps; day locks are no-ops (one use case at a time). */
export class InMemoryUsage implements UsageRepository {
  readonly keys = new Map<string, { secret: Buffer | null }>();
  readonly digests = new Set<string>();
  readonly statistics = new Map<string, StoredBucket>();
  readonly tenantCounts = new Map<string, TenantUsageCounts & { tenantId: string }>();
  readonly erasedTenants = new Set<string>();
  async lockDay() {}
  async dayKey(day: string) {
    return this.keys.get(day);
  }
  async createDayKey(day: string, secret: Buffer) {
    if (!this.keys.has(day)) this.keys.set(day, { secret });
  }
  async addDigest(day: string, module: string, digest: Buffer) {
    const key = `${day} ${module} ${digest.toString('hex')}`;
    if (this.digests.has(key)) return false;
    this.digests.add(key);
    return true;
  }
  async addToStatistics(day: string, module: string, newTenants: number, counts: UsageCounts) {
    const b = this.statistics.get(`${day} ${module}`) ?? { day, module: module as StoredBucket['module'], activeTenants: 0, actions: 0, requests: 0 };
    this.statistics.set(`${day} ${module}`, { ...b, activeTenants: b.activeTenants + newTenants, actions: b.actions + counts.actions, requests: b.requests + counts.requests });
  }
  async addToTenantUsage(tenantId: string, day: string, module: string, counts: UsageCounts) {
    const key = `${tenantId} ${day} ${module}`;
    const c = this.tenantCounts.get(key) ?? { tenantId, day, module: module as TenantUsageCounts['module'], actions: 0, requests: 0 };
    this.tenantCounts.set(key, { ...c, actions: c.actions + counts.actions, requests: c.requests + counts.requests });
  }
  async isErasedTenant(tenantId: string) {
    return this.erasedTenants.has(tenantId);
  }
  async daysToClose(through: string) {
    return [...this.keys].filter(([day, k]) => k.secret !== null && day <= through).map(([day]) => day).sort();
  }
  async closeDay(day: string) {
    const digests = [...this.digests].filter((d) => d.startsWith(`${day} `));
    for (const d of digests) this.digests.delete(d);
    const key = this.keys.get(day);
    const closed = !!key && key.secret !== null;
    if (key) key.secret = null;
    return { closed, digests: digests.length };
  }
  async deleteTenantUsage(tenantId: string) {
    const keys = [...this.tenantCounts].filter(([, c]) => c.tenantId === tenantId).map(([k]) => k);
    for (const k of keys) this.tenantCounts.delete(k);
    return keys.length;
  }
  async buckets(from: string, to: string) {
    return [...this.statistics.values()].filter((b) => b.day >= from && b.day <= to).sort((a, b) => a.day.localeCompare(b.day) || a.module.localeCompare(b.module));
  }
  async tenantUsage(tenantId: string, from: string, to: string) {
    return [...this.tenantCounts.values()]
      .filter((c) => c.tenantId === tenantId && c.day >= from && c.day <= to)
      .map(({ day, module, actions, requests }) => ({ day, module, actions, requests }))
      .sort((a, b) => a.day.localeCompare(b.day) || a.module.localeCompare(b.module));
  }
}
