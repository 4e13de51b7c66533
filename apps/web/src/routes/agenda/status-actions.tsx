import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateAppointment, type Appointment } from '../../api/appointments';
import { useTenant } from '../../permissions/tenant-context';
import { Button, ConfirmDialog, ProblemMessage, useToast } from '../../ui';
import { StatusBadge, type AppointmentStatus } from './appointment-status';

type Final = Exclude<AppointmentStatus, 'booked'>;

/** What may follow a status: only a booked appointment changes; the three others are final (ADR 46). */
export const nextStatuses = (status: AppointmentStatus): Final[] => (status === 'booked' ? ['completed', 'no-show', 'cancelled'] : []);

/**
 * An appointment's status, and for editors (agenda:edit) marking it completed, no-show or cancelled;
 * cancelling asks first. The slot of a cancelled appointment is free again; a no-show keeps it.
 */
export function StatusSection({ appointment: a, canEdit, when }: { appointment: Appointment; canEdit: boolean; when: string }) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const update = useUpdateAppointment(tenantId, a.id);
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState<Final>();
  const mark = (status: Final) => {
    setPending(status);
    update.mutate({ status }, {
      onSuccess: () => {
        setConfirming(false);
        toast(t(`agenda.statusActions.done.${status}`));
      },
    });
  };
  const next = canEdit ? nextStatuses(a.status) : [];
  return (
    <section aria-labelledby="appointment-status" className="rounded-xl border border-stone-200 bg-white p-5 lg:col-span-2">
      <h2 id="appointment-status" className="mb-3 flex flex-wrap items-center gap-3 text-lg font-semibold">
        {t('agenda.statusActions.title')} <StatusBadge status={a.status} />
      </h2>
      <p className="text-sm text-stone-700">{t(`agenda.statusActions.explain.${a.status}`)}</p>
      {next.length > 0 && (
        <div className="mt-4 flex flex-col gap-2 sm:flex-row sm:flex-wrap">
          <Button onClick={() => mark('completed')} busy={update.isPending && pending === 'completed'}>{t('agenda.statusActions.completed')}</Button>
          <Button variant="secondary" onClick={() => mark('no-show')} busy={update.isPending && pending === 'no-show'}>{t('agenda.statusActions.no-show')}</Button>
          <Button variant="danger" onClick={() => { update.reset(); setConfirming(true); }}>{t('agenda.cancel.button')}</Button>
        </div>
      )}
      {update.isError && !confirming && <ProblemMessage className="mt-4" problem={update.error} />}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('agenda.cancel.title')}
        description={t('agenda.cancel.text', { name: a.client.name, when })}
        confirmLabel={t('agenda.cancel.confirm')}
        cancelLabel={t('agenda.cancel.keep')}
        onConfirm={() => mark('cancelled')}
        action={update}
      />
    </section>
  );
}
