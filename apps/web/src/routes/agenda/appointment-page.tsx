import { useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppointment, useDeleteAppointment, useUpdateAppointment, type Appointment } from '../../api/appointments';
import { formatDateTime, formatDuration } from '../../format';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { Button, ConfirmDialog, Detail, DetailList, Dialog, Link, PageHeader, useToast, UnloadedPage } from '../../ui';
import { ContactValue } from '../clients/masked';
import { AppointmentInvoice } from '../invoicing/appointment-invoice';
import { useStaff } from '../../api/members';
import { AppointmentForm, appointmentFormValues, updateAppointmentSchema } from './appointment-form';
import { StatusSection } from './status-actions';
import { formatLongDay, formatTimeRange, minutesBetween } from './format-day';
import { wallTimeOf } from './zoned-time';

/** /t/$tenantId/agenda/$appointmentId */
export function AppointmentPage() {
  const { appointmentId } = useParams({ from: '/signed-in/shell/t/$tenantId/agenda/$appointmentId' });
  return <AppointmentDetails appointmentId={appointmentId} />;
}

/** One appointment: when, who (contacts masked without clients:view), what and the notes; change and cancel with agenda:edit. */
export function AppointmentDetails({ appointmentId }: { appointmentId: string }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const canEdit = useCan('agenda', 'edit');
  const canSeeClient = useCan('clients', 'view');
  const appointment = useAppointment(tenantId, appointmentId);
  const [changing, setChanging] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useDeleteAppointment(tenantId);
  const navigate = useNavigate();
  const toast = useToast();
  const day = appointment.data && wallTimeOf(appointment.data.startsAt).date;
  const back = <Link to="/t/$tenantId/agenda" params={{ tenantId }} search={day ? { date: day } : {}}>← {t('agenda.appointment.back')}</Link>;

  if (!appointment.isSuccess) return <UnloadedPage query={appointment} back={back} loading={t('agenda.appointment.loading')} unavailable={t('agenda.appointment.unavailable')} />;
  const a = appointment.data;
  const when = `${formatLongDay(wallTimeOf(a.startsAt).date)}, ${formatTimeRange(a.startsAt, a.endsAt)}`;
  const deleteIt = () =>
    remove.mutate(a.id, {
      onSuccess: () => {
        setDeleting(false);
        toast(t('agenda.delete.done'));
        void navigate({ to: '/t/$tenantId/agenda', params: { tenantId }, search: { date: day } }).then(() => remove.forget(a.id));
      },
    });

  return (
    <>
      <PageHeader
        title={t('agenda.appointment.title', { treatment: a.treatment, name: a.client.name })}
        description={<span className="first-letter:uppercase">{when}</span>}
        back={back}
        actions={canEdit && (
          <>
            {a.status === 'booked' && <Button variant="secondary" onClick={() => setChanging(true)}>{t('agenda.change.button')}</Button>}
            <Button variant="secondary" onClick={() => { remove.reset(); setDeleting(true); }}>{t('agenda.delete.button')}</Button>
          </>
        )}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <StatusSection appointment={a} canEdit={canEdit} when={when} />
        <section aria-labelledby="appointment" className="rounded-xl border border-stone-200 bg-white p-5">
          <h2 id="appointment" className="mb-4 text-lg font-semibold">{t('agenda.appointment.section')}</h2>
          <DetailList>
            <Detail label={t('agenda.fields.when')}><span className="first-letter:uppercase">{when}</span></Detail>
            <Detail label={t('agenda.fields.duration')}>{formatDuration(minutesBetween(a.startsAt, a.endsAt))}</Detail>
            <Detail label={t('agenda.fields.treatment')}>{a.treatment}</Detail>
            <Detail label={t('agenda.fields.staff')}><StaffName staffId={a.staffId} /></Detail>
          </DetailList>
        </section>
        <ClientSection appointment={a} linked={canSeeClient} />
        <AppointmentInvoice appointment={a} />
        <section aria-labelledby="appointment-notes" className="rounded-xl border border-stone-200 bg-white p-5 lg:col-span-2">
          <h2 id="appointment-notes" className="mb-4 text-lg font-semibold">{t('agenda.fields.notes')}</h2>
          {a.notes ? <p className="whitespace-pre-line text-stone-900">{a.notes}</p> : <p className="text-stone-600">{t('agenda.appointment.noNotes')}</p>}
        </section>
      </div>
      <p className="mt-6 text-xs text-stone-600">
        {t('agenda.appointment.timestamps', { created: formatDateTime(a.createdAt), updated: formatDateTime(a.updatedAt) })}
      </p>
      {canEdit && <ChangeDialog appointment={a} open={changing} onOpenChange={setChanging} />}
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={t('agenda.delete.title')}
        description={t('agenda.delete.text', { name: a.client.name, when })}
        confirmLabel={t('agenda.delete.confirm')}
        cancelLabel={t('agenda.cancel.keep')}
        onConfirm={deleteIt}
        action={remove}
      />
    </>
  );
}

/** The colleague by name from the staff list (agenda:view); someone no longer a colleague unnamed. */
function StaffName({ staffId }: { staffId: string | null }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const staff = useStaff(tenantId, { enabled: staffId !== null });
  if (staffId === null) return <span className="text-stone-600">{t('agenda.staff.unassigned')}</span>;
  return <>{staff.data?.find((m) => m.userId === staffId)?.name ?? t('agenda.staff.someone')}</>;
}

function ClientSection({ appointment: a, linked }: { appointment: Appointment; linked: boolean }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  return (
    <section aria-labelledby="appointment-client" className="rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="appointment-client" className="mb-4 text-lg font-semibold">{t('agenda.fields.client')}</h2>
      <DetailList>
        <Detail label={t('fields.client.name')}>
          {linked ? <Link to="/t/$tenantId/clients/$clientId" params={{ tenantId, clientId: a.client.id }}>{a.client.name}</Link> : a.client.name}
        </Detail>
        <Detail label={t('fields.client.phone')}>
          <ContactValue value={a.client.phone} masked={a.client.masked} href={a.client.phone ? `tel:${a.client.phone}` : undefined} />
        </Detail>
        <Detail label={t('fields.client.email')}>
          <ContactValue value={a.client.email} masked={a.client.masked} href={a.client.email ? `mailto:${a.client.email}` : undefined} />
        </Detail>
      </DetailList>
    </section>
  );
}

function ChangeDialog({ appointment: a, open, onOpenChange }: { appointment: Appointment; open: boolean; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const update = useUpdateAppointment(tenantId, a.id);
  const toast = useToast();
  const staff = useStaff(tenantId, { enabled: open });
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('agenda.change.title')}>
      <AppointmentForm
        schema={updateAppointmentSchema}
        defaultValues={appointmentFormValues(a.startsAt, a.endsAt, { treatment: a.treatment, notes: a.notes ?? '' })}
        client={{ mode: 'fixed', name: a.client.name }}
        staff={staff.data}
        defaultStaffId={a.staffId}
        submitLabel={t('agenda.change.submit')}
        onCancel={() => onOpenChange(false)}
        onSubmit={async (body) => {
          await update.mutateAsync(body);
          toast(t('agenda.change.done'));
          onOpenChange(false);
        }}
      />
    </Dialog>
  );
}
