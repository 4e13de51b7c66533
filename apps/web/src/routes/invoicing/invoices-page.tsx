import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClientsById } from '../../api/clients';
import { useInvoicePage, type Invoice, type InvoiceStatus as Status } from '../../api/invoices';
import { formatCalendarDate, formatDate, formatMoney } from '../../format';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { ButtonLink, CursorPagination, DataTable, EmptyState, Link, PageHeader, PagedListStates, Select, useCursorPages } from '../../ui';
import { ConnectionNotice } from './connection-notice';
import { InvoiceStatus } from './invoice-status';
import { ClientName } from './client-name';
import { useMayInvoice } from './rights';

const PAGE_SIZE = 20;
const STATUSES: readonly Status[] = ['pending', 'created', 'failed'];

/** The invoice's date (FactuurSturen's, once made), else when it was asked for. */
export const invoiceDay = (invoice: Invoice) => (invoice.invoiceDate ? formatCalendarDate(invoice.invoiceDate) : formatDate(invoice.createdAt));

/** /t/$tenantId/invoicing: the institute's invoices, newest first, a page at a time over the API's cursors. */
export function InvoicesPage() {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const canCreate = useMayInvoice();
  const canSeeClients = useCan('clients', 'view');
  const pages = useCursorPages();
  const [status, setStatus] = useState<Status | undefined>();
  const filterId = useId();
  const page = useInvoicePage(tenantId, { status, cursor: pages.cursor, limit: PAGE_SIZE });
  const items = page.data?.items ?? [];
  const clients = useClientsById(tenantId, items.flatMap((invoice) => (invoice.clientId ? [invoice.clientId] : [])), { enabled: canSeeClients });

  return (
    <>
      <PageHeader
        title={t('invoicing.title')}
        description={t('invoicing.lead')}
        actions={
          <>
            <ButtonLink variant="secondary" to="/t/$tenantId/invoicing/factuursturen" params={{ tenantId }}>{t('invoicing.connectionLink')}</ButtonLink>
            {canCreate && <ButtonLink to="/t/$tenantId/invoicing/new" params={{ tenantId }}>{t('invoicing.new')}</ButtonLink>}
          </>
        }
      />
      <ConnectionNotice />
      <div className="mb-4 max-w-xs">
        <label htmlFor={filterId} className="mb-1 block text-sm font-medium">{t('invoicing.filter.label')}</label>
        <Select
          id={filterId}
          value={status ?? ''}
          onChange={(event) => {
            setStatus((event.target.value || undefined) as Status | undefined);
            pages.reset();
          }}
        >
          <option value="">{t('invoicing.filter.all')}</option>
          {STATUSES.map((s) => <option key={s} value={s}>{t(`invoicing.status.${s}`)}</option>)}
        </Select>
      </div>
      {!canSeeClients && items.length > 0 && <p className="mb-2 text-sm text-stone-700">{t('invoicing.clientHiddenHint')}</p>}
      <PagedListStates
        query={page} count={items.length} skeletonLines={6}
        empty={
          <EmptyState title={status ? t('invoicing.empty.filtered') : t('invoicing.empty.title')}>
            {!status && (canCreate ? t('invoicing.empty.text') : t('invoicing.empty.textViewer'))}
          </EmptyState>
        }
      >
        <DataTable
          caption={t('invoicing.caption', { page: pages.page })} rows={items} rowKey={(invoice) => invoice.id}
          columns={[
            {
              header: t('invoicing.columns.date'),
              cell: (invoice) => <Link to="/t/$tenantId/invoicing/$invoiceId" params={{ tenantId, invoiceId: invoice.id }}>{invoiceDay(invoice)}</Link>,
            },
            {
              header: t('invoicing.columns.client'),
              cell: (invoice) => (
                <span className="flex flex-col items-start gap-2">
                  <ClientName invoice={invoice} client={invoice.clientId ? clients.get(invoice.clientId) : undefined} visible={canSeeClients} />
                  {/* On a phone the status stands here, in sight (its reason on the invoice's page); from `sm` in its own column. */}
                  <span className="sm:hidden"><InvoiceStatus invoice={invoice} withReason={false} /></span>
                </span>
              ),
            },
            {
              header: t('invoicing.columns.number'), className: 'hidden md:table-cell',
              cell: (invoice) => invoice.providerInvoiceNumber ?? <span className="text-stone-600">{t('invoicing.noNumber')}</span>,
            },
            {
              header: t('invoicing.columns.amount'), className: 'text-right', cellClassName: 'whitespace-nowrap tabular-nums',
              cell: (invoice) => formatMoney(invoice.totals.inclTaxCents),
            },
            { header: t('invoicing.columns.status'), className: 'hidden sm:table-cell', cell: (invoice) => <InvoiceStatus invoice={invoice} /> },
          ]}
        />
        <CursorPagination pages={pages} nextCursor={page.data?.nextCursor} busy={page.isFetching} />
      </PagedListStates>
    </>
  );
}
