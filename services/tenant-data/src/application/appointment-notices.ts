import { AppointmentNotice, reminderDueAt } from '../domain/appointment-notice';
import type { Appointment } from '../domain/appointment';
import { mayMailAboutAppointments, type Client } from '../domain/client';
import type { Deps } from './deps';
import type { Repositories } from './ports';

type NoticeRepositories = Pick<Repositories, 'notices' | 'institutes'>;

const leadHoursOf = async (institutes: Repositories['institutes'], tenantId: string) => (await institutes.get(tenantId))?.reminderLeadHours ?? 24;

/**
 * The mails a booking owes, in the booking's own unit of work (ADR 53): a confirmation when the client
 * has an address and consents, and a reminder due the lead time before the start when that is still
 * ahead. Whether the reminder goes is decided when it is due, from the data as it is then.
 */
export async function queueBookingNotices(deps: Pick<Deps, 'newId'>, { notices, institutes }: NoticeRepositories, appointment: Appointment, client: Client, now: Date): Promise<void> {
  if (appointment.startsAt.getTime() <= now.getTime()) return;
  if (mayMailAboutAppointments(client)) notices.add(new AppointmentNotice(deps.newId('ntc'), appointment.tenantId, appointment.id, 'confirmation', now, now));
  const dueAt = reminderDueAt(appointment.startsAt, await leadHoursOf(institutes, appointment.tenantId));
  if (dueAt.getTime() > now.getTime()) notices.add(new AppointmentNotice(deps.newId('ntc'), appointment.tenantId, appointment.id, 'reminder', dueAt, now));
}

/**
 * What a change of an appointment does to its mails: a cancelled, no-show or completed appointment's
 * unsent mails are dropped; a moved one's reminder is due anew (a reminder already sent stays sent).
 */
export async function rescheduleNotices(
  deps: Pick<Deps, 'newId'>, { notices, institutes }: NoticeRepositories, appointment: Appointment, moved: boolean, now: Date,
): Promise<void> {
  if (appointment.status !== 'booked') return notices.dropUnsent(appointment.tenantId, appointment.id, now);
  if (!moved || appointment.startsAt.getTime() <= now.getTime()) return;
  const dueAt = reminderDueAt(appointment.startsAt, await leadHoursOf(institutes, appointment.tenantId));
  await notices.scheduleReminder(appointment.tenantId, appointment.id, dueAt, () => new AppointmentNotice(deps.newId('ntc'), appointment.tenantId, appointment.id, 'reminder', dueAt, now));
}
