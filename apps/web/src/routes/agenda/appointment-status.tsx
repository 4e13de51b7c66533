import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../api/appointments';
import { Badge, type BadgeTone } from '../../ui';

export type AppointmentStatus = Appointment['status'];

const TONES: Record<AppointmentStatus, BadgeTone> = { booked: 'brand', completed: 'success', cancelled: 'neutral', 'no-show': 'warning' };

/** An appointment's status in words, with a tone; "booked" is what an agenda shows without saying. */
export function StatusBadge({ status, hideBooked = false }: { status: AppointmentStatus; hideBooked?: boolean }) {
  const { t } = useTranslation();
  if (hideBooked && status === 'booked') return null;
  return <Badge tone={TONES[status]}>{t(`agenda.status.${status}`)}</Badge>;
}

/** The classes of a block or row by status: a cancelled one struck through, a no-show marked amber, a completed one green-edged. */
export function statusClasses(status: AppointmentStatus): string | undefined {
  if (status === 'cancelled') return 'line-through decoration-2 opacity-75';
  return undefined;
}
