import { useTranslation } from 'react-i18next';
import { isAnswered, type PrivacyRequest } from '../../api/privacy-requests';
import { Badge } from '../../ui';
import { useRequestLabels } from './labels';

/** Received, in progress (n of m services answered), completed, or completed with gaps (n of m). */
export function RequestStatus({ request }: { request: PrivacyRequest }) {
  const { t } = useTranslation();
  const labels = useRequestLabels();
  if (request.status === 'completed') return <Badge tone="success">{labels.status('completed')}</Badge>;
  const answered = request.owners.filter((owner) => owner.status === 'completed').length;
  return (
    <span className="flex flex-col items-start gap-1">
      <Badge tone={isAnswered(request) ? 'warning' : 'brand'}>{labels.status(request.status)}</Badge>
      {request.owners.length > 0 && (
        <span className="text-xs text-stone-600">{t('privacyRequests.ownersAnswered', { answered, total: request.owners.length })}</span>
      )}
    </span>
  );
}
