import { useTranslation } from 'react-i18next';
import { useFactuurSturenConnection } from '../../api/invoices';
import { useTenantRole } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { Alert, ButtonLink } from '../../ui';

/**
 * What stands in the way of invoicing, if anything: no FactuurSturen account connected, a key the
 * provider now refuses, or client-data sharing switched off. Owners get the way to mend it.
 */
export function ConnectionNotice() {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const isOwner = useTenantRole('owner');
  const connection = useFactuurSturenConnection(tenantId);
  if (!connection.isSuccess) return null;
  const c = connection.data;
  const action = isOwner && (
    <ButtonLink size="sm" to="/t/$tenantId/invoicing/factuursturen" params={{ tenantId }}>
      {c ? t('invoicing.connectionLink') : t('invoicing.notConnected.action')}
    </ButtonLink>
  );
  if (!c) {
    return (
      <Alert tone="warning" title={t('invoicing.notConnected.title')} actions={action} className="mb-6">
        {isOwner ? t('invoicing.notConnected.owner') : t('invoicing.notConnected.other')}
      </Alert>
    );
  }
  if (c.status === 'rejected') return <Alert tone="warning" title={t('invoicing.rejected.title')} actions={action} className="mb-6">{t('invoicing.rejected.text')}</Alert>;
  if (!c.shareClientData) return <Alert tone="warning" title={t('invoicing.sharingOff.title')} actions={action} className="mb-6">{t('invoicing.sharingOff.text')}</Alert>;
  return null;
}
