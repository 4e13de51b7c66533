import { useTranslation } from 'react-i18next';
import type { SupportAccessRequest } from '../../api/support-access';
import { isRunning, OVER, useMyAccessRequests, WAITING } from '../../api/support-requests';
import { useAuth } from '../../auth/auth-context';
import { currentLanguage } from '../../i18n/i18n';
import { Button, ButtonLink, EmptyState, PageHeader, ProblemMessage, Skeleton } from '../../ui';
import { CoApprovalSection } from './co-approval-section';
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

/** Adding a security key: a fresh sign-in at the issuer that ends on its page for the key (ADR 40). */
function SecurityKeySection() {
  const { t } = useTranslation();
  const auth = useAuth();
  return (
    <section aria-labelledby="security-key" className="flex flex-col items-start gap-3 border-t border-stone-200 pt-6">
      <h2 id="security-key" className="text-lg font-semibold text-stone-900">{t('support.console.keyTitle')}</h2>
      <p className="text-sm text-stone-700">{t('support.console.keyText')}</p>
      <Button variant="secondary" onClick={() => void auth.addSecurityKey('/support', currentLanguage())}>{t('support.console.keyAdd')}</Button>
    </section>
  );
}

/**
 * /support: HOMi support's own access requests — waiting for an answer, active (time left, the way
 * in), and over — asking for more, and colleagues' write requests to confirm as the second support
 * user. A login older than the API's limit for support access, or without a second factor, gets the
 * step-up explanation and a fresh sign-in (ProblemMessage).
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
      <div className="flex flex-col gap-8">
        {items.length === 0 ? (
          <EmptyState title={t('support.console.noActive')} action={ask}>{t('support.console.noWaiting')}</EmptyState>
        ) : (
          <>
            <Section id="active" title={t('support.console.activeTitle')} empty={t('support.console.noActive')} requests={active} onElapsed={refresh} />
            <Section id="waiting" title={t('support.console.waitingTitle')} empty={t('support.console.noWaiting')} requests={waiting} />
            <Section id="over" title={t('support.console.overTitle')} empty={t('support.console.noOver')} requests={over} />
            <p className="text-xs text-stone-600">{t('support.console.refreshNote')}</p>
          </>
        )}
        {/* Only once the caller's own requests loaded: their refusal (a step-up) is said once, above. */}
        <CoApprovalSection />
        <SecurityKeySection />
      </div>
    </>
  );
}
