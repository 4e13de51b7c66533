import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useInvoicePage } from '../../api/invoices';
import { formatMoney } from '../../format';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { ButtonLink, Link, ProblemMessage, Skeleton } from '../../ui';
import { invoiceDay } from './invoices-page';
import { InvoiceStatus } from './invoice-status';
import { useMayInvoice } from './rights';

const SHOWN = 5;

/** A client's latest invoices on their card (invoicing:view), each with its status (followed while pending); invoicing them with the rights. */
export function ClientInvoices({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const canView = useCan('invoicing', 'view');
  const mayInvoice = useMayInvoice();
  const headingId = useId();
  const list = useInvoicePage(tenantId, { clientId, limit: SHOWN }, { enabled: canView });
  if (!canView) return null;
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-stone-200 bg-white p-5 lg:col-span-2">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">{t('invoicing.client.title')}</h2>
        {mayInvoice && (
          <ButtonLink variant="secondary" size="sm" to="/t/$tenantId/invoicing/new" params={{ tenantId }} search={{ clientId }}>
            {t('invoicing.client.invoice')}
          </ButtonLink>
        )}
      </div>
      {list.isPending && <Skeleton lines={3} />}
      {list.isError && <ProblemMessage problem={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 && <p className="text-sm text-stone-600">{t('invoicing.client.none')}</p>}
      {items.length > 0 && (
        <ul className="flex flex-col divide-y divide-stone-200">
          {items.map((invoice) => (
            <li key={invoice.id} className="flex flex-wrap items-start justify-between gap-2 py-3 first:pt-0">
              <Link to="/t/$tenantId/invoicing/$invoiceId" params={{ tenantId, invoiceId: invoice.id }}>
                {t('invoicing.client.item', { date: invoiceDay(invoice), amount: formatMoney(invoice.totals.inclTaxCents) })}
              </Link>
              <InvoiceStatus invoice={invoice} />
            </li>
          ))}
        </ul>
      )}
      {list.data?.nextCursor && (
        <Link className="mt-2 inline-block text-sm" to="/t/$tenantId/invoicing" params={{ tenantId }}>{t('invoicing.client.more')}</Link>
      )}
    </section>
  );
}
