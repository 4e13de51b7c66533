import type { DataCategory, OwnerDeclaration } from '@homi/contracts';

/**
 * The `startsAt` of a category without a period: its data lives exactly as long as the account (or
 * institute) it belongs to and goes with that account's erasure request, not with a retention job.
 */
export const UNTIL_ACCOUNT_ERASURE = 'until the account (or institute) is erased';

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/**
 * `moment` moved by `period` (ISO 8601 date duration: years, months, weeks, days), forward (+1) or
 * back (-1). Calendar arithmetic in UTC: a month after 31 January, or back from 31 March, is the last
 * day of February.
 */
function movedBy(moment: Date, period: string, sign: 1 | -1): Date {
  const m = DURATION.exec(period);
  if (!m || period === 'P') throw new Error(`not an ISO 8601 date duration: ${period}`);
  const [years, months, weeks, days] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number];
  const d = new Date(moment.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + sign * (years * 12 + months));
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return new Date(d.getTime() + sign * (weeks * 7 + days) * 86_400_000);
}

/** The moment before which a record whose retention started is past `period` at `now`. */
export function retentionCutoff(now: Date, period: string): Date {
  return movedBy(now, period, -1);
}

/** When a record whose retention started at `start` is past `period`: the inverse of retentionCutoff. */
export function retentionEnd(start: Date, period: string): Date {
  return movedBy(start, period, 1);
}

/**
 * Refuses a declaration whose retention is not fully enforced by `purgedCategories`: every
 * category with a period needs exactly one purge job, and a category without one must say it ends
 * with the account's erasure (UNTIL_ACCOUNT_ERASURE). Throws one error naming every problem.
 */
export function checkRetentionCoverage(declaration: OwnerDeclaration, purgedCategories: readonly string[]): void {
  const problems: string[] = [];
  const byName = new Map<string, DataCategory>(declaration.categories.map((c) => [c.name, c]));
  const seen = new Set<string>();
  for (const name of purgedCategories) {
    const category = byName.get(name);
    if (!category) problems.push(`a purge job for ${name}, which is not declared`);
    else if (category.retention.period === null) problems.push(`a purge job for ${name}, which declares no period`);
    if (seen.has(name)) problems.push(`two purge jobs for ${name}`);
    seen.add(name);
  }
  for (const c of declaration.categories) {
    if (c.retention.period !== null && !seen.has(c.name)) problems.push(`${c.name} declares ${c.retention.period} but has no purge job`);
    if (c.retention.period === null && c.retention.startsAt !== UNTIL_ACCOUNT_ERASURE) {
      problems.push(`${c.name} declares no period: its startsAt must be "${UNTIL_ACCOUNT_ERASURE}"`);
    }
  }
  if (problems.length) throw new Error(`retention of ${declaration.owner} is not enforced: ${problems.join('; ')}`);
}
