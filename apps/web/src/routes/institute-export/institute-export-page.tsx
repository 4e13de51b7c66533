import { useTranslation } from 'react-i18next';
import { useDownloadInstituteExport, useInstituteExports, useStartInstituteExport, type InstituteExport } from '../../api/institute-exports';
import { formatDateTime } from '../../format';
import { useTenant } from '../../permissions/tenant-context';
import { useTenantRole } from '../../permissions/use-can';
import { Alert, Badge, Button, EmptyState, PageHeader, ProblemMessage, Skeleton, Spinner } from '../../ui';
import { NotForYourRole } from '../tenant/not-for-your-role';

/** The counts people recognise, in this order; the zip's manifest lists every file. */
const SHOWN = ['client-profile', 'appointments', 'treatments', 'client-notes', 'invoices', 'memberships'] as const;

function ExportRow({ item, tenantId }: { item: InstituteExport; tenantId: string }) {
  const { t, i18n } = useTranslation();
  const download = useDownloadInstituteExport(tenantId, item.id);
  const done = item.services.filter((s) => s.status === 'done').length;
  return (
    <li className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0">
        <h3 className="flex flex-wrap items-center gap-2 font-semibold text-stone-900">
          {t('instituteExport.requestedAt', { at: formatDateTime(item.requestedAt, i18n.language) })}
          <Badge tone={item.status === 'ready' ? 'success' : item.status === 'expired' ? 'neutral' : 'brand'}>{t(`instituteExport.status.${item.status}`)}</Badge>
        </h3>
        {item.status === 'in_progress' ? (
          <p className="mt-1 flex items-center gap-2 text-sm text-stone-700" role="status">
            <Spinner /> {t('instituteExport.progress', { done, total: item.services.length })}
          </p>
        ) : (
          <ul className="mt-1 flex flex-wrap gap-x-4 text-sm text-stone-700" aria-label={t('instituteExport.countsLabel')}>
            {SHOWN.filter((c) => item.records[c] !== undefined).map((c) => (
              <li key={c}>{t(`instituteExport.counts.${c}`, { count: item.records[c] })}</li>
            ))}
          </ul>
        )}
        {item.status === 'ready' && item.expiresAt && (
          <p className="mt-1 text-sm text-stone-600">{t('instituteExport.expiresAt', { at: formatDateTime(item.expiresAt, i18n.language) })}</p>
        )}
        {item.status === 'ready' && !item.complete && <Alert tone="warning" title={t('instituteExport.incomplete')} className="mt-2" />}
        {download.isError && <ProblemMessage problem={download.error} />}
      </div>
      {item.status === 'ready' && (
        <Button busy={download.isPending} onClick={() => download.mutate()}>{t('instituteExport.download')}</Button>
      )}
    </li>
  );
}

/** /t/$tenantId/export: the owner exports everything the institute holds, follows it, and downloads the zip. */
export function InstituteExportPage() {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const isOwner = useTenantRole('owner');
  if (!isOwner) return <NotForYourRole title={t('instituteExport.title')} />;
  return <OwnerView tenantId={tenantId} />;
}

function OwnerView({ tenantId }: { tenantId: string }) {
  const { t } = useTranslation();
  const exports = useInstituteExports(tenantId);
  const start = useStartInstituteExport(tenantId);
  const running = exports.data?.some((e) => e.status === 'in_progress') ?? false;
  return (
    <>
      <PageHeader title={t('instituteExport.title')} description={t('instituteExport.lead')} />
      <div className="mb-6 flex flex-col items-start gap-3 rounded-xl border border-stone-200 bg-white p-4">
        <p className="text-sm text-stone-700">{t('instituteExport.contents')}</p>
        <p className="text-sm text-stone-700">{t('instituteExport.healthData')}</p>
        <Button busy={start.isPending} disabled={running} onClick={() => start.mutate()}>{t('instituteExport.start')}</Button>
        {start.isError && <ProblemMessage problem={start.error} />}
      </div>
      <h2 className="mb-3 font-semibold text-stone-900">{t('instituteExport.recent')}</h2>
      {exports.isPending ? (
        <Skeleton />
      ) : exports.isError ? (
        <ProblemMessage problem={exports.error} onRetry={() => void exports.refetch()} />
      ) : exports.data.length === 0 ? (
        <EmptyState title={t('instituteExport.none')} />
      ) : (
        <ul className="flex flex-col gap-3" aria-label={t('instituteExport.recent')}>
          {exports.data.map((item) => <ExportRow key={item.id} item={item} tenantId={tenantId} />)}
        </ul>
      )}
    </>
  );
}
