import { useTranslation } from 'react-i18next';
import type { PrivacyRequest } from '../../api/privacy-requests';
import { formatDate } from '../../format';
import { Badge, type BadgeTone } from '../../ui';
import { useRequestLabels } from './labels';

type Line = PrivacyRequest['report'][number];

const TONE: Record<Line['action'], BadgeTone> = {
  exported: 'brand', erased: 'success', anonymised: 'success', rectified: 'success', retained: 'warning', none: 'neutral',
};

function ReportLine({ line }: { line: Line }) {
  const { t } = useTranslation();
  const labels = useRequestLabels();
  return (
    <li className="flex flex-col gap-1 py-2 sm:flex-row sm:items-start sm:justify-between sm:gap-4">
      <div className="min-w-0">
        <span className="block text-stone-900">{labels.category(line.category)}</span>
        {line.reason && <span className="block text-sm text-stone-700">{t('privacyRequests.report.reason', { reason: line.reason })}</span>}
        {line.retainedUntil && (
          <span className="block text-sm text-stone-700">{t('privacyRequests.report.retainedUntil', { date: formatDate(line.retainedUntil) })}</span>
        )}
      </div>
      <span className="flex shrink-0 items-center gap-2 text-sm">
        <Badge tone={TONE[line.action]}>{labels.action(line.action)}</Badge>
        <span className="tabular-nums text-stone-700">{t('privacyRequests.report.records', { count: line.records })}</span>
      </span>
    </li>
  );
}

/** What every service did per category of data: exported, erased, corrected — or kept, why, and until when. */
export function RequestReport({ request }: { request: PrivacyRequest }) {
  const { t } = useTranslation();
  const labels = useRequestLabels();
  const owners = [...new Set(request.report.map((line) => line.owner))];
  const kept = request.report.some((line) => line.action === 'retained');
  return (
    <section aria-labelledby="report" className="rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="report" className="text-lg font-semibold">{t('privacyRequests.report.title')}</h2>
      <p className="mt-1 text-sm text-stone-700">{t(kept ? 'privacyRequests.report.leadKept' : 'privacyRequests.report.lead')}</p>
      {owners.length === 0 ? (
        <p className="mt-4 text-sm text-stone-700">{t('privacyRequests.report.empty')}</p>
      ) : (
        <div className="mt-4 grid gap-6 md:grid-cols-2">
          {owners.map((owner) => (
            <div key={owner}>
              <h3 className="font-medium text-stone-900">{labels.owner(owner)}</h3>
              <ul className="divide-y divide-stone-100">
                {request.report.filter((line) => line.owner === owner).map((line) => (
                  <ReportLine key={`${line.category}/${line.action}`} line={line} />
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
