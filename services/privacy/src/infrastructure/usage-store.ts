import type { EntityManager } from '@mikro-orm/postgresql';
import type { UsageModule } from '@homi/contracts';
import type { TenantUsageCounts, UsageCounts, UsageRepository } from '../application/ports';
import type { StoredBucket } from '../domain/usage-k-anonymity';

/** Namespace of the per-day advisory locks (two-int form, apart from the migration's bigint lock). */
const DAY_LOCK_NAMESPACE = 0x75_73_67_01;

const toCounts = (r: { actions: string | number; requests: string | number }): UsageCounts => ({ actions: Number(r.actions), requests: Number(r.requests) });

/** The usage tables, in the caller's transaction. */
export class UsageStore implements UsageRepository {
  constructor(private readonly em: EntityManager) {}

  /** Serialises everything that counts into, or closes, one day; released when the transaction ends. */
  async lockDay(dayNumber: number): Promise<void> {
    await this.em.execute('select pg_advisory_xact_lock(?, ?)', [DAY_LOCK_NAMESPACE, dayNumber]);
  }

  async dayKey(day: string): Promise<{ secret: Buffer | null } | undefined> {
    const [row] = await this.em.execute<{ secret: Buffer | null }[]>('select secret from usage_day_keys where day = ?', [day]);
    return row ? { secret: row.secret } : undefined;
  }

  async createDayKey(day: string, secret: Buffer, now: Date): Promise<void> {
    await this.em.execute('insert into usage_day_keys (day, secret, created_at) values (?, ?, ?) on conflict (day) do nothing', [day, secret, now]);
  }

  /** True when the digest is new for the day and module: a tenant not yet counted there. */
  async addDigest(day: string, module: string, digest: Buffer): Promise<boolean> {
    const rows = await this.em.execute<unknown[]>(
      'insert into usage_tenant_digests (day, module, digest) values (?, ?, ?) on conflict do nothing returning 1 as added',
      [day, module, digest],
    );
    return rows.length === 1;
  }

  async addToStatistics(day: string, module: string, newTenants: number, counts: UsageCounts): Promise<void> {
    await this.em.execute(
      `insert into usage_daily (day, module, active_tenants, actions, requests) values (?, ?, ?, ?, ?)
       on conflict (day, module) do update set active_tenants = usage_daily.active_tenants + excluded.active_tenants,
         actions = usage_daily.actions + excluded.actions, requests = usage_daily.requests + excluded.requests`,
      [day, module, newTenants, counts.actions, counts.requests],
    );
  }

  async addToTenantUsage(tenantId: string, day: string, module: string, counts: UsageCounts): Promise<void> {
    await this.em.execute(
      `insert into tenant_usage_daily (tenant_id, day, module, actions, requests) values (?, ?, ?, ?, ?)
       on conflict (tenant_id, day, module) do update set actions = tenant_usage_daily.actions + excluded.actions,
         requests = tenant_usage_daily.requests + excluded.requests`,
      [tenantId, day, module, counts.actions, counts.requests],
    );
  }

  /** An institute whose erasure was asked for: its own counts are not kept again after they were erased. */
  async isErasedTenant(tenantId: string): Promise<boolean> {
    const rows = await this.em.execute<unknown[]>(
      `select 1 from requests where subject ->> 'tenantId' = ? and subject ->> 'kind' = 'tenant' and type = 'erasure' limit 1`,
      [tenantId],
    );
    return rows.length > 0;
  }

  /** Days whose key still exists (open, or closed but not yet cleared) up to `through`, oldest first. */
  async daysToClose(through: string): Promise<string[]> {
    const rows = await this.em.execute<{ day: string }[]>(
      `select to_char(day, 'YYYY-MM-DD') as day from usage_day_keys where closed_at is null and day <= ? order by day`,
      [through],
    );
    return rows.map((r) => r.day);
  }

  /** Destroys the day's key and digests, keeping a marker (day and time only) that the day is closed. */
  async closeDay(day: string, now: Date): Promise<{ closed: boolean; digests: number }> {
    const deleted = await this.em.execute<unknown[]>('delete from usage_tenant_digests where day = ? returning 1 as gone', [day]);
    const closed = await this.em.execute<unknown[]>('update usage_day_keys set secret = null, closed_at = ? where day = ? and closed_at is null returning 1 as closed', [now, day]);
    return { closed: closed.length === 1, digests: deleted.length };
  }

  /** Every row of one tenant, locked in day and module order (the order counting takes them in) before deletion. */
  async deleteTenantUsage(tenantId: string): Promise<number> {
    const rows = await this.em.execute<unknown[]>(
      `with doomed as (select day, module from tenant_usage_daily where tenant_id = ? order by day, module for update)
       delete from tenant_usage_daily t using doomed d where t.tenant_id = ? and t.day = d.day and t.module = d.module returning 1 as gone`,
      [tenantId, tenantId],
    );
    return rows.length;
  }

  async buckets(from: string, to: string): Promise<StoredBucket[]> {
    const rows = await this.em.execute<{ day: string; module: UsageModule; active_tenants: number; actions: string; requests: string }[]>(
      `select to_char(day, 'YYYY-MM-DD') as day, module, active_tenants, actions, requests from usage_daily
        where day between ? and ? order by day, module`,
      [from, to],
    );
    return rows.map((r) => ({ day: r.day, module: r.module, activeTenants: r.active_tenants, ...toCounts(r) }));
  }

  async tenantUsage(tenantId: string, from: string, to: string): Promise<TenantUsageCounts[]> {
    const rows = await this.em.execute<{ day: string; module: UsageModule; actions: string; requests: string }[]>(
      `select to_char(day, 'YYYY-MM-DD') as day, module, actions, requests from tenant_usage_daily
        where tenant_id = ? and day between ? and ? order by day, module`,
      [tenantId, from, to],
    );
    return rows.map((r) => ({ day: r.day, module: r.module, ...toCounts(r) }));
  }
}
