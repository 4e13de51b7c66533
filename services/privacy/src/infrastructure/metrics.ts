import type { MikroORM } from '@mikro-orm/postgresql';
import { metrics, type BatchObservableResult } from '@opentelemetry/api';

const BUCKETS = [
  { label: 'overdue', sql: 'due_at < now()' },
  { label: '0-3', sql: `due_at >= now() and due_at < now() + interval '4 days'` },
  { label: '4-7', sql: `due_at >= now() + interval '4 days' and due_at < now() + interval '8 days'` },
  { label: '8-14', sql: `due_at >= now() + interval '8 days' and due_at < now() + interval '15 days'` },
  { label: '15+', sql: `due_at >= now() + interval '15 days'` },
];

/**
 * Privacy requests by status, and open requests by days left before their deadline, read from
 * the database when Prometheus scrapes (nothing is computed while nobody looks).
 */
export function registerPrivacyMetrics(orm: MikroORM): { remove(): void } {
  const meter = metrics.getMeter('@homi/privacy');
  const byStatus = meter.createObservableGauge('homi_privacy_requests', { description: 'Privacy requests by status' });
  const byDaysLeft = meter.createObservableGauge('homi_privacy_open_requests_by_days_left', {
    description: 'Open privacy requests by days left before the deadline (GDPR: one month, our promise: four weeks)',
  });
  const callback = async (result: BatchObservableResult) => {
    try {
      const conn = orm.em.fork().getConnection();
      const statuses = await conn.execute<{ status: string; n: number }[]>('select status, count(*)::int as n from requests group by status');
      for (const status of ['received', 'in_progress', 'completed', 'completed_with_gaps']) {
        result.observe(byStatus, statuses.find((r) => r.status === status)?.n ?? 0, { status });
      }
      const counts = BUCKETS.map((b) => `count(*) filter (where ${b.sql})::int as "${b.label}"`).join(', ');
      const [row] = await conn.execute<Record<string, number>[]>(`select ${counts} from requests where status <> 'completed'`);
      for (const b of BUCKETS) result.observe(byDaysLeft, row?.[b.label] ?? 0, { days_left: b.label });
    } catch {
      // The database is away: no value this scrape.
    }
  };
  meter.addBatchObservableCallback(callback, [byStatus, byDaysLeft]);
  return { remove: () => meter.removeBatchObservableCallback(callback, [byStatus, byDaysLeft]) };
}
