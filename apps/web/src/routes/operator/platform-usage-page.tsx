import { useTranslation } from 'react-i18next';
import { usePlatformUsage } from '../../api/operator';
import { formatCalendarDate } from '../../format';
import { UsageFigures, UsagePage, useUsageFilters } from '../usage/usage-view';

/**
 * /operator/usage (realm role operator): the platform's k-anonymous usage — requests per day as a
 * chart described in words, and every served day and module bucket in a table (the chart's
 * accessible alternative), with k, how many smaller buckets were left out and up to which day it is counted.
 */
export function PlatformUsagePage() {
  const { t } = useTranslation();
  const filters = useUsageFilters();
  const usage = usePlatformUsage(filters.from, filters.to);
  return (
    <UsagePage title={t('operator.usage.title')} lead={t('operator.usage.lead')} filters={filters} usage={usage}>
      {(data) => (
        <>
          <div className="flex flex-col gap-1 text-sm text-stone-700">
            <p>{t('operator.usage.kAnonymous', { k: data.k, suppressed: data.suppressed })}</p>
            <p>{data.closedThrough ? t('operator.usage.closedThrough', { date: formatCalendarDate(data.closedThrough) }) : t('operator.usage.nothingClosed')}</p>
          </div>
          <UsageFigures filters={filters} counts={data.buckets} catalog="operator.usage" institutes />
        </>
      )}
    </UsagePage>
  );
}
