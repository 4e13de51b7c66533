import { Outlet, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/me';
import { TenantProvider } from '../../permissions/tenant-context';
import { useRealmRole } from '../../permissions/use-can';
import { SupportTenant } from '../support/support-tenant';
import { ButtonLink, EmptyState, Loading } from '../../ui';

/** /t/$tenantId: the pages of one institute, with the person's membership of it (useTenant, useCan). */
export function TenantLayout() {
  const { t } = useTranslation();
  const { tenantId } = useParams({ from: '/signed-in/shell/t/$tenantId' });
  const me = useMe();
  const support = useRealmRole('support');
  if (me.isPending) return <Loading />;
  const membership = me.data?.memberships.find((m) => m.tenantId === tenantId);
  // HOMi support has no membership: the institute's pages under a grant an owner approved, or why not.
  if (!membership && support) return <SupportTenant tenantId={tenantId} />;
  if (!membership) {
    return (
      <>
        <h1 className="sr-only">{t('tenant.notFound.title')}</h1>
        <EmptyState title={t('tenant.notFound.title')} action={<ButtonLink to="/start">{t('tenant.notFound.action')}</ButtonLink>}>
          {t('tenant.notFound.text')}
        </EmptyState>
      </>
    );
  }
  return (
    <TenantProvider membership={membership}>
      <Outlet />
    </TenantProvider>
  );
}
