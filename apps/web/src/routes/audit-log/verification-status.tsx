import { useTranslation } from 'react-i18next';
import { useAuditVerification } from '../../api/audit-log';
import { formatDateTimeSeconds } from '../../format';
import { Alert, Button, Loading, ProblemMessage } from '../../ui';

/** Whether the institute's chain verifies, as the API recomputed it just now; checked again on request. */
export function VerificationStatus({ tenantId }: { tenantId: string }) {
  const { t } = useTranslation();
  const verification = useAuditVerification(tenantId);
  const again = (
    <Button size="sm" variant="secondary" busy={verification.isFetching} onClick={() => void verification.refetch()}>
      {t('admin.auditLog.verifyAgain')}
    </Button>
  );
  if (verification.isPending) return <Loading label={t('admin.auditLog.verifying')} />;
  if (verification.isError) return <ProblemMessage problem={verification.error} onRetry={() => void verification.refetch()} className="mb-6" />;
  const result = verification.data;
  if (result.verified) {
    return (
      <Alert tone="success" className="mb-6" title={t('admin.auditLog.verified.title')} actions={again}>
        {t('admin.auditLog.verified.text', { count: result.entries, time: formatDateTimeSeconds(result.checkedAt) })}
      </Alert>
    );
  }
  return (
    <Alert tone="danger" className="mb-6" title={t('admin.auditLog.broken.title')} actions={again}>
      {t('admin.auditLog.broken.text', {
        seq: result.firstBroken?.seq ?? '?',
        problem: t(`admin.auditLog.problems.${result.firstBroken?.problem ?? 'hash'}`),
      })}
    </Alert>
  );
}
