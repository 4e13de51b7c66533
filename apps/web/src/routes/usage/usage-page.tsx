import { useTranslation } from 'react-i18next';
import { useTenantUsage } from '../../api/usage';
import { useTenant } from '../../permissions/tenant-context';
import { UsageFigures, UsagePage as UsageFrame, useUsageFilters } from './usage-view';

/** /t/$tenantId/usage: the institute's own requests and actions per day and module (reports:view). */
export function UsagePage() {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const filters = useUsageFilters();
  const usage = useTenantUsage(tenantId, filters.from, filters.to);
  return (
    <UsageFrame title={t('admin.usage.title')} lead={t('admin.usage.lead')} filters={filters} usage={usage}>
      {(data) => (
        <UsageFigures filters={filters} counts={data.counts} catalog="admin.usage" />
      )}
    </UsageFrame>
  );
}
