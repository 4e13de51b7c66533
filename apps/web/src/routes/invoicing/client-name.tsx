import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../api/clients';
import type { Invoice } from '../../api/invoices';
import { isProblem } from '../../api/problem';
import { useTenant } from '../../permissions/tenant-context';
import { Link } from '../../ui';

/**
 * An invoice's client by name, linked to their card: hidden without clients:view (the invoice names
 * only an id), "deleted" for a restricted invoice or a client that is gone.
 */
export function ClientName({ invoice, client, visible }: { invoice: Invoice; client?: UseQueryResult<Client>; visible: boolean }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  if (!invoice.clientId || isProblem(client?.error, 'client-not-found') || isProblem(client?.error, 'not-found')) {
    return <span className="text-stone-700">{t('invoicing.clientGone')}</span>;
  }
  if (!visible) return <span className="text-stone-700">{t('invoicing.clientHidden')}</span>;
  if (!client?.data) return <span className="text-stone-600">{client?.isError ? t('common.none') : t('common.loading')}</span>;
  return <Link to="/t/$tenantId/clients/$clientId" params={{ tenantId, clientId: invoice.clientId }}>{client.data.name}</Link>;
}
