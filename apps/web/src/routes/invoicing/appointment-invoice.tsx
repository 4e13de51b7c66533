import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../api/appointments';
import { useAppointmentInvoice, useInvoiceAppointment, type Invoice } from '../../api/invoices';
import { formatMoney } from '../../format';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { Button, Link, ProblemMessage, Skeleton, useToast } from '../../ui';
import { InvoiceStatus } from './invoice-status';
import { useMayInvoice } from './rights';

type Refusal = 'noTreatment' | 'cancelled' | 'no-show' | undefined;

/** Why the API would refuse to invoice this appointment (ADR 55): it invoices booked and completed ones with a treatment from the list. */
const refusalOf = (a: Pick<Appointment, 'status' | 'treatmentId'>): Refusal =>
  a.status === 'cancelled' || a.status === 'no-show' ? a.status : a.treatmentId ? undefined : 'noTreatment';

/**
 * An appointment's invoice on its page (invoicing:view): the one made for it, its status followed while
 * pending; with the rights to invoice, *Factuur maken* while it has none that is not failed. The API takes
 * the price and VAT rate from the treatment; the browser sends only the appointment.
 */
export function AppointmentInvoice({ appointment }: { appointment: Appointment }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const canView = useCan('invoicing', 'view');
  const mayInvoice = useMayInvoice();
  const headingId = useId();
  const current = useAppointmentInvoice(tenantId, appointment.id, { enabled: canView });
  const create = useInvoiceAppointment(tenantId);
  const toast = useToast();
  if (!canView) return null;
  const invoice = current.invoice;
  const refusal = refusalOf(appointment);
  const live = invoice && invoice.status !== 'failed' ? invoice : undefined;
  const offer = mayInvoice && !refusal && current.isSuccess && !live;
  const invoiceIt = () =>
    create.mutate(appointment.id, { onSuccess: () => toast(t('invoicing.appointment.created')) });

  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-stone-200 bg-white p-5 lg:col-span-2">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">{t('invoicing.appointment.title')}</h2>
        {offer && (
          <Button size="sm" onClick={invoiceIt} disabled={create.isPending}>
            {create.isPending ? t('invoicing.appointment.creating') : t('invoicing.appointment.invoice')}
          </Button>
        )}
      </div>
      {current.isPending && <Skeleton lines={2} />}
      {current.isError && <ProblemMessage problem={current.error} onRetry={() => void current.refetch()} />}
      {invoice && <InvoiceLink invoice={invoice} />}
      {current.isSuccess && !live && (
        <p className="mt-2 text-sm text-stone-700">
          {refusal ? t(`invoicing.appointment.refused.${refusal}`) : invoice ? t('invoicing.appointment.again') : t('invoicing.appointment.none')}
          {offer && <> {t('invoicing.appointment.priceNote')}</>}
        </p>
      )}
      {create.isError && <ProblemMessage className="mt-3" problem={create.error} />}
    </section>
  );
}

function InvoiceLink({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const number = invoice.providerInvoiceNumber;
  return (
    <div className="flex flex-wrap items-start justify-between gap-2">
      <Link to="/t/$tenantId/invoicing/$invoiceId" params={{ tenantId, invoiceId: invoice.id }}>
        {number ? t('invoicing.appointment.link', { number, amount: formatMoney(invoice.totals.inclTaxCents) })
          : t('invoicing.appointment.linkPending', { amount: formatMoney(invoice.totals.inclTaxCents) })}
      </Link>
      <InvoiceStatus invoice={invoice} />
    </div>
  );
}
