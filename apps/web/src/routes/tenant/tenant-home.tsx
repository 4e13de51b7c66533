import { Navigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useTenant } from '../../permissions/tenant-context';
import { EmptyState, PageHeader } from '../../ui';
import { mayOpen, TENANT_NAV } from '../shell/nav';

/** /t/$tenantId: the first area this person may use, or why there is none. */
export function TenantHome() {
  const { t } = useTranslation();
  const membership = useTenant();
  const first = TENANT_NAV.find((item) => mayOpen(membership, item));
  if (first) return <Navigate to={first.to} params={{ tenantId: membership.tenantId }} replace />;
  return (
    <>
      <PageHeader title={membership.instituteName} />
      <EmptyState title={t('tenant.noModules.title')}>{t('tenant.noModules.text')}</EmptyState>
    </>
  );
}
