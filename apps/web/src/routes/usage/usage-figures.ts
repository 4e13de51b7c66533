import { USAGE_MODULES, type UsageModule } from '@homi/contracts';
import type { TenantUsage } from '../../api/usage';

const DAY_MS = 86_400_000;

/** The UTC days `from`…`to` ending today, `days` of them. */
export function lastDays(days: number, now = new Date()): { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * DAY_MS).toISOString().slice(0, 10);
  return { from, to };
}

/** Every day from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += DAY_MS) days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

export interface DayTotal {
  day: string;
  requests: number;
  actions: number;
}

/** Requests and actions per day (days without use count 0), for one module or all. */
export function perDay(usage: Pick<TenantUsage, 'from' | 'to' | 'counts'>, module?: UsageModule): DayTotal[] {
  const totals = new Map(daysBetween(usage.from, usage.to).map((day) => [day, { day, requests: 0, actions: 0 }]));
  for (const count of usage.counts) {
    if (module && count.module !== module) continue;
    const day = totals.get(count.day);
    if (!day) continue;
    day.requests += count.requests;
    day.actions += count.actions;
  }
  return [...totals.values()];
}

/** The counts, newest day first and modules in their usual order, for the table. */
export function rows<C extends { day: string; module: UsageModule }>(usage: { counts: readonly C[] }, module?: UsageModule): C[] {
  const order = (m: UsageModule) => USAGE_MODULES.indexOf(m);
  return usage.counts
    .filter((count) => !module || count.module === module)
    .sort((a, b) => b.day.localeCompare(a.day) || order(a.module) - order(b.module));
}
