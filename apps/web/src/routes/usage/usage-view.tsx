import { USAGE_MODULES, type UsageModule } from '@homi/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate, localeOf } from '../../format';
import { BarChart, EmptyState, FormField, PageHeader, ProblemMessage, Select, Skeleton, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../../ui';
import { lastDays, perDay, rows } from './usage-figures';

// What the institute's usage page and the operator's platform usage page share: the period and
// module choice, requests per day as a chart described in words, and the figures in a table.

const PERIODS = ['7', '30', '90'] as const;
type Period = (typeof PERIODS)[number];

/** The chosen period (the last 7, 30 or 90 UTC days, fixed when the page opened) and module. */
export function useUsageFilters() {
  const [period, setPeriod] = useState<Period>('30');
  const [module, setModule] = useState<UsageModule | ''>('');
  const [range] = useState(() => new Map(PERIODS.map((p) => [p, lastDays(Number(p))])));
  return { period, setPeriod, module, setModule, ...range.get(period)! };
}

/** A usage page: its header, the filters, and what the query answered (`children`) once it has. */
export function UsagePage<T>({ title, lead, filters, usage, children }: {
  title: string; lead: string; filters: ReturnType<typeof useUsageFilters>; usage: UseQueryResult<T>; children: (data: T) => ReactNode;
}) {
  return (
    <>
      <PageHeader title={title} description={lead} />
      <UsageFilters filters={filters} />
      {usage.isPending && <Skeleton lines={8} />}
      {usage.isError && <ProblemMessage problem={usage.error} onRetry={() => void usage.refetch()} />}
      {usage.isSuccess && <div className="flex flex-col gap-6" aria-busy={usage.isFetching || undefined}>{children(usage.data)}</div>}
    </>
  );
}

function UsageFilters({ filters }: { filters: ReturnType<typeof useUsageFilters> }) {
  const { t } = useTranslation();
  return (
    <div className="mb-6 grid max-w-xl gap-3 sm:grid-cols-2">
      <FormField label={t('admin.usage.period')}>
        <Select value={filters.period} onChange={(event) => filters.setPeriod(event.target.value as Period)}>
          {PERIODS.map((p) => <option key={p} value={p}>{t(`admin.usage.periods.${p}`)}</option>)}
        </Select>
      </FormField>
      <FormField label={t('admin.usage.module')}>
        <Select value={filters.module} onChange={(event) => filters.setModule(event.target.value as UsageModule | '')}>
          <option value="">{t('admin.usage.allModules')}</option>
          {USAGE_MODULES.map((m) => <option key={m} value={m}>{t(`admin.modules.${m}`)}</option>)}
        </Select>
      </FormField>
    </div>
  );
}

export interface UsageCount {
  day: string;
  module: UsageModule;
  actions: number;
  requests: number;
  /** The platform's buckets: how many institutes one stands for. */
  activeTenants?: number;
}

/** Requests per day (the chart) and every count with a total (the table, the chart's alternative). */
export function UsageFigures({ filters, counts, catalog, institutes = false }: {
  filters: ReturnType<typeof useUsageFilters>;
  counts: readonly UsageCount[];
  /** Where the page's texts are: `chartTitle`, `chartDescription`, `chartEmpty`, `caption`, `empty.title`, `empty.text`. */
  catalog: 'admin.usage' | 'operator.usage';
  /** A column of how many institutes a count stands for (`activeTenants`, the platform's buckets). */
  institutes?: boolean;
}) {
  const { t } = useTranslation();
  const { from, to } = filters;
  const module = filters.module || undefined;
  const number = new Intl.NumberFormat(localeOf());
  const shortDay = (day: string) => new Intl.DateTimeFormat(localeOf(), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
  const days = perDay({ from, to, counts: [...counts] }, module);
  const table = rows({ counts }, module);
  const total = days.reduce((sum, d) => ({ requests: sum.requests + d.requests, actions: sum.actions + d.actions }), { requests: 0, actions: 0 });
  const peak = days.reduce((best, d) => (d.requests > best.requests ? d : best), days[0] ?? { day: from, requests: 0, actions: 0 });
  return (
    <>
      <BarChart
        title={t(`${catalog}.chartTitle`)}
        description={total.requests === 0 ? t(`${catalog}.chartEmpty`) : t(`${catalog}.chartDescription`, {
          total: number.format(total.requests), from: formatCalendarDate(from), to: formatCalendarDate(to),
          peak: formatCalendarDate(peak.day), max: number.format(peak.requests),
        })}
        bars={days.map((d) => ({ key: d.day, label: shortDay(d.day), value: d.requests }))}
        format={(value) => number.format(value)}
      />
      {table.length === 0 ? (
        <EmptyState title={t(`${catalog}.empty.title`)}>{t(`${catalog}.empty.text`)}</EmptyState>
      ) : (
        <Table caption={t(`${catalog}.caption`)}>
          <TableHead>
            <tr>
              <TableHeaderCell>
                <span className="hidden sm:inline">{t('admin.usage.day')}</span>
                <span className="sm:hidden">{t('admin.usage.dayAndModule')}</span>
              </TableHeaderCell>
              <TableHeaderCell className="hidden sm:table-cell">{t('admin.usage.module')}</TableHeaderCell>
              {institutes && <TableHeaderCell className="text-right">{t('operator.usage.activeTenants')}</TableHeaderCell>}
              <TableHeaderCell className="text-right">{t('admin.usage.requests')}</TableHeaderCell>
              <TableHeaderCell className="text-right">{t('admin.usage.actions')}</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {table.map((count) => (
              <TableRow key={`${count.day}-${count.module}`}>
                <TableCell>
                  <span className="hidden sm:inline">{formatCalendarDate(count.day)}</span>
                  {/* On a phone the module goes under a shorter date, as another column does not fit. */}
                  <span className="sm:hidden">{shortDay(count.day)}</span>
                  <span className="block text-stone-700 sm:hidden">{t(`admin.modules.${count.module}`)}</span>
                </TableCell>
                <TableCell className="hidden sm:table-cell">{t(`admin.modules.${count.module}`)}</TableCell>
                {institutes && <TableCell className="text-right tabular-nums">{number.format(count.activeTenants ?? 0)}</TableCell>}
                <TableCell className="text-right tabular-nums">{number.format(count.requests)}</TableCell>
                <TableCell className="text-right tabular-nums">{number.format(count.actions)}</TableCell>
              </TableRow>
            ))}
            <TableRow className="font-semibold">
              <TableCell>{t('admin.usage.total')}</TableCell>
              <TableCell className="hidden sm:table-cell" />
              {institutes && <TableCell />}
              <TableCell className="text-right tabular-nums">{number.format(total.requests)}</TableCell>
              <TableCell className="text-right tabular-nums">{number.format(total.actions)}</TableCell>
            </TableRow>
          </TableBody>
        </Table>
      )}
    </>
  );
}
