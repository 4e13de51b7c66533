import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isAnswered, usePrivacyRequest, type PrivacyRequest } from '../../api/privacy-requests';
import { formatDate, formatDateTime } from '../../format';
import { Alert, Detail, DetailList, Link, PageHeader, UnloadedPage } from '../../ui';
import { DaysLeft } from './deadline';
import { ExportDownload } from './export-download';
import { ExtensionSection } from './extension-section';
import { useRequestLabels } from './labels';
import { OwnerProgress } from './owner-progress';
import { RequestReport } from './request-report';
import { RequestStatus } from './request-status';
import { SilentOwners } from './silent-owners';
import { SubjectName } from './subject-name';

/** What the request is, whom it is about, and where it stands against its deadline. */
function Summary({ request }: { request: PrivacyRequest }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="summary" className="rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="summary" className="mb-4 text-lg font-semibold">{t('privacyRequests.detail.summary')}</h2>
      <DetailList>
        <Detail label={t('privacyRequests.columns.subject')}><SubjectName subject={request.subject} /></Detail>
        <Detail label={t('privacyRequests.columns.status')}><RequestStatus request={request} /></Detail>
        <Detail label={t('privacyRequests.columns.received')}>{formatDateTime(request.receivedAt)}</Detail>
        <Detail label={t('privacyRequests.columns.due')}>
          <span className="flex flex-wrap items-center gap-2">{formatDate(request.dueAt)} {!isAnswered(request) && <DaysLeft request={request} />}</span>
        </Detail>
        {request.extension && (
          <Detail label={t('privacyRequests.detail.extended')}>
            {t('privacyRequests.detail.extendedText', { count: request.extension.months, date: formatDate(request.extension.extendedAt) })}
            <span className="mt-1 block text-sm text-stone-700">{t('privacyRequests.detail.reason', { reason: request.extension.reason })}</span>
          </Detail>
        )}
        {request.completedAt && <Detail label={t('privacyRequests.detail.completed')}>{formatDateTime(request.completedAt)}</Detail>}
        <Detail label={t('privacyRequests.detail.reference')}><span className="font-mono text-sm">{request.id}</span></Detail>
      </DetailList>
    </section>
  );
}

/** /privacy-requests/$requestId: progress per service while it runs; the report (and a package) once completed. */
export function PrivacyRequestPage() {
  const { requestId } = useParams({ from: '/signed-in/shell/privacy-requests/$requestId' });
  const { t } = useTranslation();
  const labels = useRequestLabels();
  const request = usePrivacyRequest(requestId);
  const back = <Link to="/privacy-requests">← {t('privacyRequests.backToList')}</Link>;
  if (!request.isSuccess) return <UnloadedPage query={request} back={back} loading={t('privacyRequests.detail.loading')} unavailable={t('privacyRequests.detail.unavailable')} skeletonLines={8} />;
  const r = request.data;
  return (
    <>
      <PageHeader title={labels.type(r.type)} description={t(`privacyRequests.explain.${r.type}`)} back={back} />
      <div className="flex flex-col gap-6">
        <SilentOwners request={r} />
        {!isAnswered(r) && (
          <Alert tone="info" title={t('privacyRequests.detail.runningTitle')}>{t('privacyRequests.detail.runningText')}</Alert>
        )}
        <div className="grid gap-6 lg:grid-cols-2">
          <Summary request={r} />
          <OwnerProgress request={r} />
        </div>
        {r.type === 'access' && <ExportDownload request={r} />}
        {isAnswered(r) && <RequestReport request={r} />}
        <ExtensionSection request={r} />
      </div>
    </>
  );
}
