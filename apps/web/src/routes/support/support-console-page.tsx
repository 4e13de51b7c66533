import { useTranslation } from 'react-i18next';
import type { SupportAccessRequest } from '../../api/support-access';
import { isRunning, OVER, useMyAccessRequests, WAITING } from '../../api/support-requests';
import { ButtonLink, EmptyState, PageHeader, ProblemMessage, Skeleton } from '../../ui';
import { RequestCard } from './request-card';

function Section({ id, title, empty, requests, onElapsed }: { id: string; title: string; empty: string; requests: SupportAccessRequest[]; onElapsed?: () => void }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <h2 id={id} className="text-lg font-semibold text-stone-900">{title}</h2>
      {requests.length === 0 ? (
        <p className="text-sm text-stone-700">{empty}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {requests.map((r) => <RequestCard key={r.id} request={r} onElapsed={onElapsed} />)}
        </ul>
      )}
    </section>
  );
}

/**
 * /support: HOMi support's own access requests — waiting for an answer, active (time left, the way
 * in), and over — and asking for more. A login older than the API's limit for support access, or
 * without a second factor, gets the step-up explanation and a fresh sign-in (ProblemMessage).
 */
export function SupportConsolePage() {
  const { t } = useTranslation();
  const requests = useMyAccessRequests();
  const ask = <ButtonLink to="/support/new" className="whitespace-nowrap">{t('support.console.ask')}</ButtonLink>;
  const header = <PageHeader title={t('support.console.title')} description={t('support.console.lead')} actions={ask} />;
  if (requests.isPending) return <>{header}<Skeleton lines={6} /></>;
  if (requests.isError) return <>{header}<ProblemMessage problem={requests.error} onRetry={() => void requests.refetch()} /></>;
  const items = requests.data.items;
  const now = Date.now();
  const waiting = items.filter((r) => (WAITING as readonly string[]).includes(r.status));
  const active = items.filter((r) => isRunning(r, now));
  const over = items.filter((r) => (OVER as readonly string[]).includes(r.status) || (r.status === 'active' && !isRunning(r, now)));
  const refresh = () => void requests.refetch();
  return (
    <>
      {header}
      {items.length === 0 ? (
        <EmptyState title={t('support.console.noActive')} action={ask}>{t('support.console.noWaiting')}</EmptyState>
      ) : (
        <div className="flex flex-col gap-8">
          <Section id="active" title={t('support.console.activeTitle')} empty={t('support.console.noActive')} requests={active} onElapsed={refresh} />
          <Section id="waiting" title={t('support.console.waitingTitle')} empty={t('support.console.noWaiting')} requests={waiting} />
          <Section id="over" title={t('support.console.overTitle')} empty={t('support.console.noOver')} requests={over} />
          <p className="text-xs text-stone-600">{t('support.console.refreshNote')}</p>
        </div>
      )}
    </>
  );
}
