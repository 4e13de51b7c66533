import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../api/clients';
import { useInvoice, type Invoice } from '../../api/invoices';
import { formatCalendarDate, formatDateTime, formatMoney, localeOf } from '../../format';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import {
  Alert, ButtonLink, Detail, DetailList, Link, PageHeader, Table, TableBody, TableCell, TableHead,
  TableHeaderCell, TableRow, UnloadedPage,
} from '../../ui';
import { ClientName } from './client-name';
import { invoiceDay } from './invoices-page';
import { InvoiceStatus, useFailureReason } from './invoice-status';
import { useMayInvoice } from './rights';

/** /t/$tenantId/invoicing/$invoiceId */
export function InvoicePage() {
  const { invoiceId } = useParams({ from: '/signed-in/shell/t/$tenantId/invoicing/$invoiceId' });
  return <InvoiceDetails invoiceId={invoiceId} />;
}

/**
 * One invoice: its status (followed while FactuurSturen makes it), why it failed, whether it is paid
 * (as FactuurSturen reports; payments are recorded there), its lines and totals.
 */
export function InvoiceDetails({ invoiceId }: { invoiceId: string }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const invoice = useInvoice(tenantId, invoiceId);
  const back = <Link to="/t/$tenantId/invoicing" params={{ tenantId }}>← {t('invoicing.invoice.back')}</Link>;

  if (!invoice.isSuccess) return <UnloadedPage query={invoice} back={back} loading={t('invoicing.invoice.loading')} unavailable={t('invoicing.invoice.unavailable')} />;
  const i = invoice.data;
  return (
    <>
      <PageHeader
        title={i.providerInvoiceNumber ? t('invoicing.invoice.title', { number: i.providerInvoiceNumber }) : t('invoicing.invoice.titlePending')}
        description={invoiceDay(i)}
        back={back}
      />
      <StateNotice invoice={i} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Facts invoice={i} />
        <Totals invoice={i} />
        {!i.restricted && <Lines invoice={i} />}
      </div>
      <p className="mt-6 text-xs text-stone-600">
        {t('invoicing.invoice.timestamps', { created: formatDateTime(i.createdAt), updated: formatDateTime(i.updatedAt) })}
      </p>
    </>
  );
}

/** Pending: being made (a status, so its change is announced); failed: why, and the way to try again; restricted: why it has no lines. */
function StateNotice({ invoice: i }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const reason = useFailureReason();
  const mayInvoice = useMayInvoice();
  return (
    <div className="mb-6 flex flex-col gap-3 empty:hidden">
      {i.restricted && <Alert title={t('invoicing.invoice.restricted.title')}>{t('invoicing.invoice.restricted.text')}</Alert>}
      {i.status === 'pending' && (
        <Alert title={t('invoicing.invoice.pending.title')}>
          <p>{t('invoicing.invoice.pending.text')}</p>
          {i.lastError && <p className="mt-1">{t('invoicing.status.retrying', { reason: reason(i.lastError) })}</p>}
        </Alert>
      )}
      {i.status === 'failed' && (
        <Alert
          tone="danger"
          title={t('invoicing.invoice.failed.title')}
          actions={mayInvoice && i.clientId && (
            <ButtonLink size="sm" to="/t/$tenantId/invoicing/new" params={{ tenantId }} search={{ from: i.id }}>{t('invoicing.invoice.failed.again')}</ButtonLink>
          )}
        >
          {reason(i.lastError)}
        </Alert>
      )}
    </div>
  );
}

function Facts({ invoice: i }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const canSeeClient = useCan('clients', 'view');
  const client = useClient(tenantId, i.clientId ?? '', { enabled: canSeeClient && Boolean(i.clientId) });
  return (
    <section aria-labelledby="invoice-facts" className="rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="invoice-facts" className="mb-4 text-lg font-semibold">{t('invoicing.invoice.facts')}</h2>
      <DetailList>
        <Detail label={t('invoicing.columns.status')}><InvoiceStatus invoice={i} withReason={false} /></Detail>
        <Detail label={t('invoicing.invoice.client')}><ClientName invoice={i} client={i.clientId ? client : undefined} visible={canSeeClient} /></Detail>
        <Detail label={t('invoicing.invoice.number')}>{i.providerInvoiceNumber ?? <span className="text-stone-600">{t('invoicing.noNumber')}</span>}</Detail>
        <Detail label={t('invoicing.invoice.date')}>{i.invoiceDate ? formatCalendarDate(i.invoiceDate) : <span className="text-stone-600">{t('common.none')}</span>}</Detail>
        <Detail label={t('invoicing.invoice.sentByEmail')}>{i.sendByEmail ? t('invoicing.invoice.byEmail') : t('invoicing.invoice.notByEmail')}</Detail>
        <Detail label={t('invoicing.invoice.paid')}>
          <span className="flex flex-col gap-1">
            <span>{i.paid && i.paidDate ? t('invoicing.status.paidOn', { date: formatCalendarDate(i.paidDate) }) : i.paid ? t('invoicing.status.paid') : t('invoicing.invoice.notPaid')}</span>
            {!i.paid && i.status === 'created' && <span className="text-sm text-stone-700">{t('invoicing.invoice.paidHint')}</span>}
          </span>
        </Detail>
      </DetailList>
    </section>
  );
}

function Totals({ invoice: i }: { invoice: Invoice }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="invoice-totals" className="self-start rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="invoice-totals" className="mb-4 text-lg font-semibold">{t('invoicing.form.total')}</h2>
      <DetailList>
        <Detail label={t('invoicing.invoice.totals.excl')}><span className="tabular-nums">{formatMoney(i.totals.exclTaxCents)}</span></Detail>
        <Detail label={t('invoicing.invoice.totals.tax')}><span className="tabular-nums">{formatMoney(i.totals.taxCents)}</span></Detail>
        <Detail label={t('invoicing.invoice.totals.incl')}><span className="font-semibold tabular-nums">{formatMoney(i.totals.inclTaxCents)}</span></Detail>
      </DetailList>
    </section>
  );
}

function Lines({ invoice: i }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const quantity = new Intl.NumberFormat(localeOf(), { maximumFractionDigits: 2 });
  return (
    <section aria-labelledby="invoice-lines" className="lg:col-span-2">
      <h2 id="invoice-lines" className="mb-4 text-lg font-semibold">{t('invoicing.invoice.lines')}</h2>
      <Table caption={t('invoicing.invoice.linesCaption')}>
        <TableHead>
          <tr>
            <TableHeaderCell>{t('invoicing.invoice.line.description')}</TableHeaderCell>
            <TableHeaderCell className="text-right">{t('invoicing.invoice.line.quantity')}</TableHeaderCell>
            <TableHeaderCell className="hidden text-right sm:table-cell">{t('invoicing.invoice.line.unitPrice')}</TableHeaderCell>
            <TableHeaderCell className="text-right">{t('invoicing.invoice.line.taxRate')}</TableHeaderCell>
            <TableHeaderCell className="text-right">{t('invoicing.invoice.line.total')}</TableHeaderCell>
          </tr>
        </TableHead>
        <TableBody>
          {i.lines.map((line, index) => (
            <TableRow key={index}>
              <TableCell className="break-words">{line.description}</TableCell>
              <TableCell className="text-right tabular-nums">{quantity.format(line.quantity)}</TableCell>
              <TableCell className="hidden text-right tabular-nums sm:table-cell">{formatMoney(line.unitPriceCents)}</TableCell>
              <TableCell className="text-right tabular-nums">{t('invoicing.invoice.taxPercent', { rate: line.taxRate })}</TableCell>
              <TableCell className="text-right tabular-nums">{formatMoney(Math.round(line.quantity * line.unitPriceCents))}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
