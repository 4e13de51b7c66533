import { AppointmentUpdated, type tenantDataApi } from '@homi/contracts';
import { notFound } from '@homi/service-kit';
import { assertValidPeriod, type Appointment } from '../domain/appointment';
import { latest } from '../domain/client';
import type { Deps } from './deps';

/** Moves an appointment or changes its treatment or notes; the period stays valid. */
export async function updateAppointment(
  deps: Deps,
  tenantId: string,
  id: string,
  changes: tenantDataApi.UpdateAppointment,
): Promise<Appointment> {
  return deps.uow.forTenant(tenantId, async ({ appointments, clients, events }) => {
    const appointment = await appointments.get(tenantId, id);
    if (!appointment) throw notFound('Appointment');
    const startsAt = changes.startsAt ? new Date(changes.startsAt) : appointment.startsAt;
    const endsAt = changes.endsAt ? new Date(changes.endsAt) : appointment.endsAt;
    assertValidPeriod(startsAt, endsAt);
    appointment.startsAt = startsAt;
    appointment.endsAt = endsAt;
    if (changes.treatment !== undefined) appointment.treatment = changes.treatment;
    if (changes.notes !== undefined) appointment.notes = changes.notes;
    const now = deps.clock();
    appointment.updatedAt = now;
    await clients.recordActivity(tenantId, appointment.clientId, latest(now, endsAt));
    events.publish(AppointmentUpdated, { tenantId, appointmentId: id, clientId: appointment.clientId, occurredAt: now.toISOString() });
    return appointment;
  });
}
