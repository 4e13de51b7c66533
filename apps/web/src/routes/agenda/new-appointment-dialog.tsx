import { useTranslation } from 'react-i18next';
import { useCreateAppointment, type Appointment } from '../../api/appointments';
import { useClient } from '../../api/clients';
import { useStaff } from '../../api/members';
import { useTreatments } from '../../api/treatments';
import { useCan } from '../../permissions/use-can';
import { useTenant } from '../../permissions/tenant-context';
import { Dialog, Loading, ProblemMessage, useToast } from '../../ui';
import { AppointmentForm, appointmentFormValues, createAppointmentSchema } from './appointment-form';

export interface NewAppointmentDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** When it starts, until the person changes it (a clicked slot, or the day shown). */
  start: Date;
  /** A client chosen beforehand (booking from the client's card). */
  clientId?: string;
  /** A colleague chosen beforehand (a slot clicked in their column). */
  staffId?: string;
  treatmentSuggestions?: readonly string[];
  onCreated: (appointment: Appointment) => void;
}

const DEFAULT_MINUTES = 60;

/** Booking an appointment (agenda:edit), in a dialog over the agenda. */
export function NewAppointmentDialog({ open, onOpenChange, start, clientId, staffId, treatmentSuggestions, onCreated }: NewAppointmentDialogProps) {
  const { t } = useTranslation();
  const { tenantId } = useTenant();
  const canSearch = useCan('clients', 'view');
  const canAdd = useCan('clients', 'edit');
  const create = useCreateAppointment(tenantId);
  const chosen = useClient(tenantId, clientId ?? '', { enabled: open && Boolean(clientId) && canSearch });
  // The picker is a help, not a condition: without the list the treatment is typed as before.
  const treatments = useTreatments(tenantId, { enabled: open });
  // The colleagues to book with, from the staff list (agenda:view): a salon of one books without.
  const staff = useStaff(tenantId, { enabled: open });
  const toast = useToast();
  const end = new Date(start.getTime() + DEFAULT_MINUTES * 60_000);

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('agenda.new.title')}>
      {clientId && canSearch && chosen.isPending ? (
        <Loading />
      ) : clientId && chosen.isError ? (
        <ProblemMessage problem={chosen.error} onRetry={() => void chosen.refetch()} />
      ) : (
        <AppointmentForm
          schema={createAppointmentSchema}
          defaultValues={appointmentFormValues(start, end)}
          client={{ mode: 'pick', canSearch, canAdd, initial: chosen.data && { id: chosen.data.id, name: chosen.data.name } }}
          treatmentSuggestions={treatmentSuggestions}
          treatments={treatments.data}
          staff={staff.data}
          defaultStaffId={staffId}
          submitLabel={t('agenda.new.submit')}
          onCancel={() => onOpenChange(false)}
          onSubmit={async (body) => {
            const appointment = await create.mutateAsync(body);
            toast(t('agenda.new.done'));
            onCreated(appointment);
          }}
        />
      )}
    </Dialog>
  );
}
