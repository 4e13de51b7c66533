import { useTranslation } from 'react-i18next';
import type { Invoice } from '../../api/invoices';
import { formatCalendarDate } from '../../format';
import { Badge, type BadgeTone } from '../../ui';

type Shown = 'pending' | 'created' | 'failed' | 'paid';
const TONES: Record<Shown, BadgeTone> = { pending: 'warning', created: 'brand', failed: 'danger', paid: 'success' };

/** What an invoice's state is to a person: paid once FactuurSturen says so, else its status. */
export const shownStatus = (invoice: Pick<Invoice, 'status' | 'paid'>): Shown => (invoice.paid ? 'paid' : invoice.status);

/** Why an attempt failed (an invoice's `lastError`), in the person's language. */
export function useFailureReason() {
  const { t, i18n } = useTranslation();
  return (code: string | null) => {
    const key = `invoicing.reasons.${code ?? 'other'}`;
    return i18n.exists(key) ? t(key as 'invoicing.reasons.other') : t('invoicing.reasons.other');
  };
}

/** The status as a badge (its text says it) and, under it, the reason a failed or retried attempt gives (unless said elsewhere on the page), or the payment date. */
export function InvoiceStatus({ invoice, withReason = true }: { invoice: Pick<Invoice, 'status' | 'paid' | 'paidDate' | 'lastError'>; withReason?: boolean }) {
  const { t } = useTranslation();
  const reason = useFailureReason();
  const shown = shownStatus(invoice);
  return (
    <span className="flex flex-col items-start gap-1">
      <Badge tone={TONES[shown]}>{t(`invoicing.status.${shown}`)}</Badge>
      {shown === 'failed' && withReason && <span className="text-sm text-red-800">{reason(invoice.lastError)}</span>}
      {shown === 'pending' && withReason && invoice.lastError && (
        <span className="text-sm text-stone-700">{t('invoicing.status.retrying', { reason: reason(invoice.lastError) })}</span>
      )}
      {shown === 'paid' && invoice.paidDate && (
        <span className="text-sm text-stone-700">{t('invoicing.status.paidOn', { date: formatCalendarDate(invoice.paidDate) })}</span>
      )}
    </span>
  );
}
