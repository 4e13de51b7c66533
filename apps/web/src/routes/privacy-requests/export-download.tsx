import { useTranslation } from 'react-i18next';
import { isAnswered, useDownloadExport, type PrivacyRequest } from '../../api/privacy-requests';
import { formatDateTime } from '../../format';
import { Alert, Button, ProblemMessage, useToast } from '../../ui';

/** The access package: once every service answered, downloadable (zip) until it expires. */
export function ExportDownload({ request }: { request: PrivacyRequest }) {
  const { t } = useTranslation();
  const toast = useToast();
  const download = useDownloadExport(request.id);
  const expiresAt = request.export?.expiresAt;
  let body;
  if (!isAnswered(request)) {
    body = <p className="text-sm text-stone-700">{t('privacyRequests.package.pending')}</p>;
  } else if (!request.export?.available) {
    body = <Alert tone="warning" title={t('privacyRequests.package.expiredTitle')}>{t('privacyRequests.package.expiredText')}</Alert>;
  } else {
    body = (
      <div className="flex flex-col items-start gap-3">
        {expiresAt && <p className="text-sm text-stone-700">{t('privacyRequests.package.until', { date: formatDateTime(expiresAt) })}</p>}
        {request.status === 'completed_with_gaps' && <p className="text-sm text-stone-700">{t('privacyRequests.package.withGaps')}</p>}
        <Button
          busy={download.isPending}
          onClick={() => download.mutate(undefined, { onSuccess: () => toast(t('privacyRequests.package.downloaded')) })}
        >
          {t('privacyRequests.package.download')}
        </Button>
        {download.isError && <ProblemMessage problem={download.error} onRetry={() => download.mutate()} />}
      </div>
    );
  }
  return (
    <section aria-labelledby="package" className="rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="package" className="text-lg font-semibold">{t('privacyRequests.package.title')}</h2>
      <p className="mb-4 mt-1 text-sm text-stone-700">{t('privacyRequests.package.lead')}</p>
      {body}
    </section>
  );
}
