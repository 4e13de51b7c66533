import { useTranslation } from 'react-i18next';
import type { PrivacyRequest } from '../../api/privacy-requests';
import { formatDateTime } from '../../format';
import { Badge, type BadgeTone } from '../../ui';
import { useRequestLabels } from './labels';

const TONE: Record<PrivacyRequest['owners'][number]['status'], BadgeTone> = { pending: 'neutral', completed: 'success', failed: 'warning' };

/** Each service that holds personal data answers the request itself: where each one stands. */
export function OwnerProgress({ request }: { request: PrivacyRequest }) {
  const { t } = useTranslation();
  const labels = useRequestLabels();
  return (
    <section aria-labelledby="owners" className="rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="owners" className="text-lg font-semibold">{t('privacyRequests.progress.title')}</h2>
      <p className="mb-4 mt-1 text-sm text-stone-700">{t('privacyRequests.progress.lead')}</p>
      {request.owners.length === 0 ? (
        <p className="text-sm text-stone-700">{t('privacyRequests.progress.none')}</p>
      ) : (
        <ul className="flex flex-col divide-y divide-stone-100">
          {request.owners.map((owner) => (
            <li key={owner.owner} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className="min-w-0">
                <span className="block font-medium text-stone-900">{labels.owner(owner.owner)}</span>
                <span className="block text-xs text-stone-600">
                  {owner.answeredAt
                    ? t('privacyRequests.progress.answeredAt', { date: formatDateTime(owner.answeredAt) })
                    : t('privacyRequests.progress.asked', { count: owner.attempts, date: formatDateTime(owner.lastCommandedAt) })}
                </span>
              </span>
              <Badge tone={TONE[owner.status]}>{labels.ownerStatus(owner.status)}</Badge>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
