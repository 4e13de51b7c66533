/**
 * The periods privacy.ts declares for the categories identity purges itself (ISO 8601 date
 * durations). The retention job reads them from the declaration; the erasure report needs them too,
 * to say until when retained records stay.
 */
export const RETENTION_PERIODS = {
  pendingSignups: 'P1D',
  invitations: 'P30D',
  supportAccess: 'P1Y',
  tenantAuditLog: 'P2Y',
} as const;

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/**
 * When a record whose retention started at `start` is past `period` (years, months, weeks, days;
 * calendar arithmetic in UTC, a month after 31 January being the last day of February): the inverse
 * of privacy-kit's retentionCutoff.
 */
export function retentionEnd(start: Date, period: string): Date {
  const m = DURATION.exec(period);
  if (!m || period === 'P') throw new Error(`not an ISO 8601 date duration: ${period}`);
  const [years, months, weeks, days] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number];
  const d = new Date(start.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + years * 12 + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return new Date(d.getTime() + (weeks * 7 + days) * 86_400_000);
}
