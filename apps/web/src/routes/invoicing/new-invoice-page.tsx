import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../api/clients';
import { useCreateInvoice, useInvoice } from '../../api/invoices';
import { useTenant } from '../../permissions/tenant-context';
import { Alert, Link, PageHeader, ProblemMessage, Skeleton, useToast } from '../../ui';
import { ConnectionNotice } from './connection-notice';
import { emptyLine, InvoiceForm, lineValues, type InvoiceFormProps, type InvoiceLineValues } from './invoice-form';
import type { NewInvoiceSearch } from './new-invoice-search';
import { useMayInvoice } from './rights';

/** /t/$tenantId/invoicing/new?clientId=…|from=… */
export function NewInvoicePage() {
  const search = useSearch({ from: '/signed-in/shell/t/$tenantId/invoicing/new' });
  return <NewInvoice search={search} />;
}

interface Start {
  client: InvoiceFormProps['client'];
  lines: InvoiceLineValues[];
}

/**
 * Invoicing a client (invoicing:edit and clients:view) with lines typed here: for a client from their
 * card, again after a failure (its lines), or for a client picked here. Afterwards the invoice's page
 * follows it from pending to created or failed. An appointment is invoiced from its own page, with the
 * price the API takes from its treatment (ADR 55), not here.
 */
export function NewInvoice({ search }: { search: NewInvoiceSearch }) {
  const { t, i18n } = useTranslation();
  const { tenantId } = useTenant();
  const mayInvoice = useMayInvoice();
  const create = useCreateInvoice(tenantId);
  const navigate = useNavigate();
  const toast = useToast();
  const previous = useInvoice(tenantId, search.from ?? '', { enabled: mayInvoice && Boolean(search.from) });
  const clientId = search.from ? previous.data?.clientId ?? undefined : search.clientId;
  const client = useClient(tenantId, clientId ?? '', { enabled: mayInvoice && Boolean(clientId) });

  const back = search.clientId ? (
    <Link to="/t/$tenantId/clients/$clientId" params={{ tenantId, clientId: search.clientId }}>← {t('clients.backToCard')}</Link>
  ) : (
    <Link to="/t/$tenantId/invoicing" params={{ tenantId }}>← {t('invoicing.invoice.back')}</Link>
  );
  const leave = () => {
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
  const loads = [search.from ? previous : undefined, clientId ? client : undefined]
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

  return (
    <>
      <PageHeader
        title={start.client.mode === 'fixed' ? t('invoicing.form.titleFor', { name: start.client.name }) : t('invoicing.form.title')}
        description={t('invoicing.form.lead')}
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
