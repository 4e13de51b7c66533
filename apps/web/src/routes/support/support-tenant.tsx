import { Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { grantMembership, latestFor, runningGrantIn, useMyAccessRequests } from '../../api/support-requests';
import { endedWithTicket, type SupportAccessRequest } from '../../api/support-access';
import { TenantProvider } from '../../permissions/tenant-context';
import { ButtonLink, EmptyState, Link, Loading, PageHeader, ProblemMessage } from '../../ui';
import { SupportBanner } from './support-banner';

type Why = 'none' | 'waiting' | 'denied' | 'expired' | 'revoked' | 'ended' | 'ticketClosed';

const whyOf = (latest: SupportAccessRequest | undefined): Why => {
  switch (latest?.status) {
    case undefined: return 'none';
    case 'awaiting_co_approval': case 'pending': return 'waiting';
    case 'ended': return endedWithTicket(latest) ? 'ticketClosed' : 'ended';
    case 'denied': case 'expired': case 'revoked': return latest.status;
    case 'active': return 'ended'; // active in the list but past its time
  }
};

/** Why HOMi support cannot work in this institute now, and what to do. */
function NoGrant({ tenantId, latest }: { tenantId: string; latest?: SupportAccessRequest }) {
  const { t } = useTranslation();
  const why = whyOf(latest);
  const values = { ticket: latest?.ticketId ?? '' };
  return (
    <>
      <PageHeader title={t(`support.gate.${why}.title`)} />
      <EmptyState
        title={t('problems.types.support-access-grant-required.title')}
        action={
          <div className="flex flex-col items-center gap-3">
            {why !== 'waiting' && <ButtonLink to="/support/new" search={{ tenantId }}>{t(why === 'none' ? 'support.console.ask' : 'support.gate.askAgain')}</ButtonLink>}
            <Link to="/support">{t('support.gate.console')}</Link>
          </div>
        }
      >
        {t(`support.gate.${why}.text`, values)}
      </EmptyState>
    </>
  );
}

/**
 * /t/$tenantId for HOMi support (no membership of their own): the institute's pages under the running
 * grant — shown as far as it reaches, below the banner — or why there is none. The gateway decides;
 * a refusal it gives (`support-access-grant-required`) fetches the requests again (main.tsx), so a
 * revoked grant turns into this explanation at the next call.
 */
export function SupportTenant({ tenantId }: { tenantId: string }) {
  const { t } = useTranslation();
  const requests = useMyAccessRequests();
  if (requests.isPending) return <Loading label={t('support.gate.loading')} />;
  if (requests.isError) {
    return (
      <>
        <PageHeader title={t('support.console.title')} />
        <ProblemMessage problem={requests.error} onRetry={() => void requests.refetch()} />
      </>
    );
  }
  const running = runningGrantIn(requests.data.items, tenantId);
  if (!running) return <NoGrant tenantId={tenantId} latest={latestFor(requests.data.items, tenantId)} />;
  return (
    <TenantProvider membership={grantMembership(running)}>
      <SupportBanner request={running} onElapsed={() => void requests.refetch()} />
      <Outlet />
    </TenantProvider>
  );
}
