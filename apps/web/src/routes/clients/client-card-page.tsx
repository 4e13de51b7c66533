import { useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClientNotes } from '../../api/client-health';
import { useClient, useDeleteClient, type Client } from '../../api/clients';
import { formatCalendarDate, formatDateTime } from '../../format';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { Button, ButtonLink, ConfirmDialog, Detail, DetailList, Link, PageHeader, ProblemMessage, useToast, UnloadedPage } from '../../ui';
import { ClientAppointments } from '../agenda/client-appointments';
import { ClientInvoices } from '../invoicing/client-invoices';
import { ClientPrivacyPanel } from '../privacy-requests/client-privacy-panel';
import { ClientAlertsPanel } from './client-alerts';
import { ClientNotesPanel } from './client-notes';
import { ContactValue, Masked } from './masked';

function Address({ client }: { client: Client }) {
  const { t } = useTranslation();
  if (client.masked) return <Masked />;
  const a = client.address;
  if (!a) return <span className="text-stone-500">{t('common.none')}</span>;
  return (
    <span className="whitespace-pre-line">{`${a.street} ${a.houseNumber}\n${a.postcode} ${a.city}`}</span>
  );
}

/**
 * The client form's notes. Their text comes with the treatment notes, in the one call the gateway
 * records in the audit log (ADR 64): the same query as the notes panel, so asked once.
 */
function GeneralNotesPanel({ client }: { client: Client }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const notes = useClientNotes(tenantId, client.id, { enabled: client.hasNotes });
  return (
    <section aria-labelledby="notes" className="rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="notes" className="mb-4 text-lg font-semibold">{t('fields.client.notes')}</h2>
      {!client.hasNotes ? (
        <p className="text-stone-500">{t('clients.noNotes')}</p>
      ) : notes.isError ? (
        <ProblemMessage problem={notes.error} onRetry={() => void notes.refetch()} />
      ) : notes.data ? (
        <p className="whitespace-pre-line text-stone-900">{notes.data.general ?? t('clients.noNotes')}</p>
      ) : (
        <p className="text-stone-600">{t('clients.notesLoading')}</p>
      )}
    </section>
  );
}

/** Whether the client gets appointment mails, and since when (ADR 53). */
function ReminderConsentPanel({ client }: { client: Client }) {
  const { t } = useTranslation();
  if (client.masked) return null;
  const consent = client.reminderConsent;
  const text = !consent
    ? t('reminders.card.never')
    : t(consent.given ? 'reminders.card.given' : 'reminders.card.withdrawn', { at: formatDateTime(consent.at) });
  return (
    <section aria-labelledby="reminder-consent" className="rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="reminder-consent" className="mb-2 text-lg font-semibold">{t('reminders.card.title')}</h2>
      <p className="text-stone-900">{text}</p>
      {consent?.given && !client.email && <p className="mt-2 text-sm text-stone-600">{t('reminders.card.noAddress')}</p>}
    </section>
  );
}

/** /t/$tenantId/clients/$clientId */
export function ClientCardPage() {
  const { clientId } = useParams({ from: '/signed-in/shell/t/$tenantId/clients/$clientId' });
  return <ClientCard clientId={clientId} />;
}

/** A client's card: contact details (masked ones look masked) and notes; edit and delete with clients:edit. */
export function ClientCard({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const canEdit = useCan('clients', 'edit');
  const client = useClient(tenantId, clientId);
  const remove = useDeleteClient(tenantId);
  const [confirming, setConfirming] = useState(false);
  const navigate = useNavigate();
  const toast = useToast();
  const back = <Link to="/t/$tenantId/clients" params={{ tenantId }}>← {t('clients.backToList')}</Link>;

  if (!client.isSuccess) return <UnloadedPage query={client} back={back} loading={t('clients.cardLoading')} unavailable={t('clients.cardUnavailable')} />;
  const c = client.data;
  const deleteClient = () =>
    remove.mutate(c.id, {
      onSuccess: () => {
        setConfirming(false);
        toast(t('clients.deleted'));
        void navigate({ to: '/t/$tenantId/clients', params: { tenantId } });
      },
    });
  return (
    <>
      <PageHeader
        title={c.name}
        back={back}
        actions={
          canEdit && (
            <>
              <ButtonLink variant="secondary" to="/t/$tenantId/clients/$clientId/edit" params={{ tenantId, clientId }}>{t('clients.edit')}</ButtonLink>
              <Button variant="danger" onClick={() => { remove.reset(); setConfirming(true); }}>{t('clients.delete')}</Button>
            </>
          )
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <ClientAlertsPanel clientId={c.id} />
        <section aria-labelledby="contact" className="rounded-xl border border-stone-200 bg-white p-5">
          <h2 id="contact" className="mb-4 text-lg font-semibold">{t('clients.contact')}</h2>
          <DetailList>
            <Detail label={t('fields.client.email')}>
              <ContactValue value={c.email} masked={c.masked} href={c.email ? `mailto:${c.email}` : undefined} />
            </Detail>
            <Detail label={t('fields.client.phone')}>
              <ContactValue value={c.phone} masked={c.masked} href={c.phone ? `tel:${c.phone}` : undefined} />
            </Detail>
            <Detail label={t('fields.client.address')}><Address client={c} /></Detail>
            <Detail label={t('fields.client.dateOfBirth')}>
              {c.masked ? <Masked /> : c.dateOfBirth ? formatCalendarDate(c.dateOfBirth) : <span className="text-stone-500">{t('common.none')}</span>}
            </Detail>
          </DetailList>
        </section>
        <ReminderConsentPanel client={c} />
        <GeneralNotesPanel client={c} />
        <ClientNotesPanel clientId={c.id} />
        <section aria-labelledby="history" className="rounded-xl border border-stone-200 bg-white p-5">
          <h2 id="history" className="mb-4 text-lg font-semibold">{t('agenda.counts.title')}</h2>
          <DetailList>
            <Detail label={t('agenda.counts.visits')}><span className="tabular-nums">{c.visitCount ?? t('common.none')}</span></Detail>
            <Detail label={t('agenda.counts.noShows')}><span className="tabular-nums">{c.noShowCount ?? t('common.none')}</span></Detail>
          </DetailList>
        </section>
        <ClientAppointments clientId={c.id} />
        <ClientInvoices clientId={c.id} />
      </div>
      <ClientPrivacyPanel client={c} />
      <p className="mt-6 text-xs text-stone-600">
        {t('clients.timestamps', { created: formatDateTime(c.createdAt), updated: formatDateTime(c.updatedAt) })}
      </p>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('clients.deleteTitle', { name: c.name })}
        description={t('clients.deleteText')}
        confirmLabel={t('clients.deleteConfirm')}
        onConfirm={deleteClient}
        action={remove}
      />
    </>
  );
}
