import { Navigate } from '@tanstack/react-router';
import { useRealmRole } from '../../permissions/use-can';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/me';
import { EmptyState, Loading, PageHeader } from '../../ui';

/** After signing in: the (first) institute, or what to do without one. */
export function StartPage() {
  const { t } = useTranslation();
  const me = useMe();
  const support = useRealmRole('support');
  const operator = useRealmRole('operator');
  // HOMi staff (no account of their own, see AppShell): their areas are listed in the navigation once built.
  if (me.isError && support) return <Navigate to="/support" replace />;
  if (me.isError && operator) return <Navigate to="/operator/usage" replace />;
  if (me.isError) {
    return (
      <>
        <PageHeader title={t('start.staff.title')} />
        <EmptyState title={t('start.staff.emptyTitle')}>{t('start.staff.text')}</EmptyState>
      </>
    );
  }
  if (!me.data) return <Loading />;
  const first = me.data.memberships[0];
  if (first) return <Navigate to="/t/$tenantId" params={{ tenantId: first.tenantId }} replace />;
  return (
    <>
      <PageHeader title={t('start.title', { name: me.data.name })} />
      <EmptyState title={t('start.noInstitute.title')}>{t('start.noInstitute.text')}</EmptyState>
    </>
  );
}
