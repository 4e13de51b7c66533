import { useTranslation } from 'react-i18next';
import { OPEN_STATUSES, useSupportAccess } from '../../api/support-access';
import { useTenant } from '../../permissions/tenant-context';
import { useTenantRole } from '../../permissions/use-can';
import { Alert, PageHeader, ProblemMessage, Skeleton } from '../../ui';
import { NotForYourRole } from '../tenant/not-for-your-role';
import { HistorySection } from './history-section';
import { ActiveGrants, PendingRequests } from './open-requests';

/** Everything open is on one page: requests are few and short-lived, grants last a day at most. */
const OPEN_LIMIT = 100;

/** /t/$tenantId/support-access: owners decide, admins see (the API refuses everyone else). */
export function SupportAccessPage() {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const allowed = useTenantRole('owner', 'admin');
  const isOwner = useTenantRole('owner');
  const open = useSupportAccess(tenantId, { status: OPEN_STATUSES, limit: OPEN_LIMIT }, { enabled: allowed });
  if (!allowed) return <NotForYourRole title={t('admin.supportAccess.title')} />;
  const items = open.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('admin.supportAccess.title')} description={t('admin.supportAccess.lead')} />
      {!isOwner && <Alert className="mb-6" title={t('admin.supportAccess.adminNote')} />}
      <section aria-labelledby="pending" className="mb-8">
        <h2 id="pending" className="mb-3 text-lg font-semibold">{t('admin.supportAccess.pendingTitle')}</h2>
        {open.isPending && <Skeleton lines={4} />}
        {open.isError && <ProblemMessage problem={open.error} onRetry={() => void open.refetch()} />}
        {open.isSuccess && <PendingRequests requests={items.filter((r) => r.status !== 'active')} />}
      </section>
      <section aria-labelledby="active" className="mb-8">
        <h2 id="active" className="mb-3 text-lg font-semibold">{t('admin.supportAccess.activeTitle')}</h2>
        {open.isPending && <Skeleton lines={2} />}
        {open.isSuccess && <ActiveGrants requests={items.filter((r) => r.status === 'active' && r.grant)} onElapsed={() => void open.refetch()} />}
      </section>
      <HistorySection />
    </>
  );
}
