import { USAGE_MODULES, type UsageModule } from '@homi/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTenantUsage } from '../../api/usage';
import { formatCalendarDate, localeOf } from '../../format';
import { useTenant } from '../../permissions/tenant-context';
import {
  BarChart, EmptyState, FormField, PageHeader, ProblemMessage, Select, Skeleton, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow,
} from '../../ui';
import { lastDays, perDay, rows } from './usage-figures';

const PERIODS = ['7', '30', '90'] as const;
type Period = (typeof PERIODS)[number];

/** /t/$tenantId/usage: the institute's own requests and actions per day and module (reports:view). */
export function UsagePage() {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const [period, setPeriod] = useState<Period>('30');
  const [module, setModule] = useState<UsageModule | ''>('');
  const [range] = useState(() => new Map(PERIODS.map((p) => [p, lastDays(Number(p))])));
  const { from, to } = range.get(period)!;
  const usage = useTenantUsage(tenantId, from, to);
  const number = new Intl.NumberFormat(localeOf());
  const shortDay = (day: string) => new Intl.DateTimeFormat(localeOf(), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
  const days = usage.data ? perDay(usage.data, module || undefined) : [];
  const table = usage.data ? rows(usage.data, module || undefined) : [];
  const total = days.reduce((sum, d) => ({ requests: sum.requests + d.requests, actions: sum.actions + d.actions }), { requests: 0, actions: 0 });
  const peak = days.reduce((best, d) => (d.requests > best.requests ? d : best), days[0] ?? { day: from, requests: 0, actions: 0 });

  return (
    <>
      <PageHeader title={t('admin.usage.title')} description={t('admin.usage.lead')} />
      <div className="mb-6 grid max-w-xl gap-3 sm:grid-cols-2">
        <FormField label={t('admin.usage.period')}>
          <Select value={period} onChange={(event) => setPeriod(event.target.value as Period)}>
            {PERIODS.map((p) => <option key={p} value={p}>{t(`admin.usage.periods.${p}`)}</option>)}
          </Select>
        </FormField>
        <FormField label={t('admin.usage.module')}>
          <Select value={module} onChange={(event) => setModule(event.target.value as UsageModule | '')}>
            <option value="">{t('admin.usage.allModules')}</option>
            {USAGE_MODULES.map((m) => <option key={m} value={m}>{t(`admin.modules.${m}`)}</option>)}
          </Select>
        </FormField>
      </div>
      {usage.isPending && <Skeleton lines={8} />}
      {usage.isError && <ProblemMessage problem={usage.error} onRetry={() => void usage.refetch()} />}
      {usage.isSuccess && (
        <div className="flex flex-col gap-6" aria-busy={usage.isFetching || undefined}>
          <BarChart
            title={t('admin.usage.chartTitle')}
            description={total.requests === 0 ? t('admin.usage.chartEmpty') : t('admin.usage.chartDescription', {
              total: number.format(total.requests), from: formatCalendarDate(from), to: formatCalendarDate(to),
              peak: formatCalendarDate(peak.day), max: number.format(peak.requests),
            })}
            bars={days.map((d) => ({ key: d.day, label: shortDay(d.day), value: d.requests }))}
            format={(value) => number.format(value)}
          />
          {table.length === 0 ? (
            <EmptyState title={t('admin.usage.empty.title')}>{t('admin.usage.empty.text')}</EmptyState>
          ) : (
            <Table caption={t('admin.usage.caption')}>
              <TableHead>
                <tr>
                  <TableHeaderCell>
                    <span className="hidden sm:inline">{t('admin.usage.day')}</span>
                    <span className="sm:hidden">{t('admin.usage.dayAndModule')}</span>
                  </TableHeaderCell>
                  <TableHeaderCell className="hidden sm:table-cell">{t('admin.usage.module')}</TableHeaderCell>
                  <TableHeaderCell className="text-right">{t('admin.usage.requests')}</TableHeaderCell>
                  <TableHeaderCell className="text-right">{t('admin.usage.actions')}</TableHeaderCell>
                </tr>
              </TableHead>
              <TableBody>
                {table.map((count) => (
                  <TableRow key={`${count.day}-${count.module}`}>
                    <TableCell>
                      <span className="hidden sm:inline">{formatCalendarDate(count.day)}</span>
                      {/* On a phone the module goes under a shorter date, as a fourth column does not fit. */}
                      <span className="sm:hidden">{shortDay(count.day)}</span>
                      <span className="block text-stone-700 sm:hidden">{t(`admin.modules.${count.module}`)}</span>
                    </TableCell>
                    <TableCell className="hidden sm:table-cell">{t(`admin.modules.${count.module}`)}</TableCell>
                    <TableCell className="text-right tabular-nums">{number.format(count.requests)}</TableCell>
                    <TableCell className="text-right tabular-nums">{number.format(count.actions)}</TableCell>
                  </TableRow>
                ))}
                <TableRow className="font-semibold">
                  <TableCell>{t('admin.usage.total')}</TableCell>
                  <TableCell className="hidden sm:table-cell" />
                  <TableCell className="text-right tabular-nums">{number.format(total.requests)}</TableCell>
                  <TableCell className="text-right tabular-nums">{number.format(total.actions)}</TableCell>
                </TableRow>
              </TableBody>
            </Table>
          )}
        </div>
      )}
    </>
  );
}
