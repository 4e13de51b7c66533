import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useAppointment } from '../../api/appointments';
import { useClient } from '../../api/clients';
import { useCreateInvoice, useInvoice } from '../../api/invoices';
import { formatDate } from '../../format';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { Alert, Link, PageHeader, ProblemMessage, Skeleton, useToast } from '../../ui';
import { formatLongDay, formatTimeRange } from '../agenda/format-day';
import { wallTimeOf } from '../agenda/zoned-time';
import { ConnectionNotice } from './connection-notice';
import { emptyLine, InvoiceForm, lineValues, type InvoiceFormProps, type InvoiceLineValues } from './invoice-form';
import type { NewInvoiceSearch } from './new-invoice-search';
import { useMayInvoice } from './rights';

/** /t/$tenantId/invoicing/new?clientId=…|appointmentId=…|from=… */
export function NewInvoicePage() {
  const search = useSearch({ from: '/signed-in/shell/t/$tenantId/invoicing/new' });
  return <NewInvoice search={search} />;
}

interface Start {
  client: InvoiceFormProps['client'];
  lines: InvoiceLineValues[];
  /** Said under the title: the appointment being invoiced. */
  about?: string;
}

/**
 * Invoicing a client (invoicing:edit and clients:view): for a client from their card, for an
 * appointment (its client, its treatment as the first line), again after a failure (its lines), or
 * for a client picked here. Afterwards the invoice's page follows it from pending to created or failed.
 */
export function NewInvoice({ search }: { search: NewInvoiceSearch }) {
  const { t, i18n } = useTranslation();
  const { tenantId } = useTenant();
  const mayInvoice = useMayInvoice();
  const canSeeAgenda = useCan('agenda', 'view');
  const create = useCreateInvoice(tenantId);
  const navigate = useNavigate();
  const toast = useToast();
  const previous = useInvoice(tenantId, search.from ?? '', { enabled: mayInvoice && Boolean(search.from) });
  const appointment = useAppointment(tenantId, search.appointmentId ?? '', { enabled: mayInvoice && canSeeAgenda && Boolean(search.appointmentId) && !search.from });
  const clientId = search.from ? previous.data?.clientId ?? undefined : search.appointmentId ? appointment.data?.client.id : search.clientId;
  const client = useClient(tenantId, clientId ?? '', { enabled: mayInvoice && Boolean(clientId) });

  const back = search.appointmentId ? (
    <Link to="/t/$tenantId/agenda/$appointmentId" params={{ tenantId, appointmentId: search.appointmentId }}>← {t('agenda.appointment.back')}</Link>
  ) : search.clientId ? (
    <Link to="/t/$tenantId/clients/$clientId" params={{ tenantId, clientId: search.clientId }}>← {t('clients.backToCard')}</Link>
  ) : (
    <Link to="/t/$tenantId/invoicing" params={{ tenantId }}>← {t('invoicing.invoice.back')}</Link>
  );
  const leave = () => {
    if (search.appointmentId) return navigate({ to: '/t/$tenantId/agenda/$appointmentId', params: { tenantId, appointmentId: search.appointmentId } });
    if (search.clientId) return navigate({ to: '/t/$tenantId/clients/$clientId', params: { tenantId, clientId: search.clientId } });
    return navigate({ to: '/t/$tenantId/invoicing', params: { tenantId } });
  };

  if (!mayInvoice) {
    return (
      <>
        <PageHeader title={t('invoicing.form.title')} back={back} />
        <Alert title={t('invoicing.form.noRights.title')}>{t('invoicing.form.noRights.text')}</Alert>
      </>
    );
  }
  const loads = [search.from ? previous : undefined, search.appointmentId && !search.from && canSeeAgenda ? appointment : undefined, clientId ? client : undefined]
    .filter((query) => query !== undefined);
  const failed = loads.find((query) => query.isError);
  if (failed) {
    return (
      <>
        <PageHeader title={t('invoicing.form.title')} back={back} />
        <ProblemMessage problem={failed.error} onRetry={() => void failed.refetch()} />
      </>
    );
  }
  // A failed invoice's client may be gone (restricted): then it is picked anew.
  if (loads.some((query) => query.isPending) || (search.from && previous.data?.clientId && !client.data)) {
    return <><PageHeader title={t('invoicing.form.title')} back={back} /><Skeleton lines={8} /></>;
  }

  const start: Start = { client: client.data ? { mode: 'fixed', id: client.data.id, name: client.data.name } : { mode: 'pick' }, lines: [emptyLine()] };
  if (search.from && previous.data && previous.data.lines.length > 0) start.lines = previous.data.lines.map((line) => lineValues(line, i18n.language));
  if (appointment.data && !search.from) {
    const a = appointment.data;
    const day = formatLongDay(wallTimeOf(a.startsAt).date);
    start.lines = [emptyLine(t('invoicing.form.appointmentTreatment', { treatment: a.treatment, day: formatDate(a.startsAt) }))];
    start.about = t('invoicing.form.fromAppointment', { treatment: a.treatment, when: `${day}, ${formatTimeRange(a.startsAt, a.endsAt)}` });
  }

  return (
    <>
      <PageHeader
        title={start.client.mode === 'fixed' ? t('invoicing.form.titleFor', { name: start.client.name }) : t('invoicing.form.title')}
        description={<>{t('invoicing.form.lead')}{start.about && <> {start.about}</>}</>}
        back={back}
      />
      <ConnectionNotice />
      <div className="max-w-3xl rounded-xl border border-stone-200 bg-white p-5">
        <InvoiceForm
          client={start.client}
          lines={start.lines}
          onCancel={() => void leave()}
          onSubmit={async (body) => {
            const invoice = await create.mutateAsync(body);
            toast(t('invoicing.form.created'));
            await navigate({ to: '/t/$tenantId/invoicing/$invoiceId', params: { tenantId, invoiceId: invoice.id } });
          }}
        />
      </div>
    </>
  );
}
