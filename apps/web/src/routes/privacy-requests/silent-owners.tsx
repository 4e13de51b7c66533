import { useTranslation } from 'react-i18next';
import { isAnswered, type PrivacyRequest } from '../../api/privacy-requests';
import { formatDate, formatDateTime, localeOf } from '../../format';
import { Alert } from '../../ui';
import { useRequestLabels } from './labels';

/**
 * The services a request still waits for, once that matters (ADR 42): escalated three days before
 * the deadline, or answered at the deadline without them. Each is named; they are still being asked.
 */
export function SilentOwners({ request }: { request: PrivacyRequest }) {
  const { t } = useTranslation();
  const labels = useRequestLabels();
  if (request.silentOwners.length === 0) return null;
  const owners = new Intl.ListFormat(localeOf(), { type: 'conjunction' }).format(request.silentOwners.map(labels.owner));
  if (request.status === 'completed_with_gaps') {
    return (
      <Alert tone="warning" title={t('privacyRequests.gaps.title')}>
        {t('privacyRequests.gaps.text', { owners, count: request.silentOwners.length, date: formatDate(request.dueAt) })}
      </Alert>
    );
  }
  if (isAnswered(request) || !request.escalatedAt) return null;
  return (
    <Alert tone="warning" title={t('privacyRequests.gaps.escalatedTitle')}>
      {t('privacyRequests.gaps.escalatedText', { owners, count: request.silentOwners.length, date: formatDateTime(request.escalatedAt) })}
    </Alert>
  );
}
