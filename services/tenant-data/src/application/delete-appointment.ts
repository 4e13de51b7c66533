import { AppointmentDeleted } from '@homi/contracts';
import { notFound } from '@homi/service-kit';
import type { Deps } from './deps';

/** Cancels an appointment and removes its treatment notes. */
export async function deleteAppointment(deps: Deps, tenantId: string, id: string): Promise<void> {
  await deps.uow.forTenant(tenantId, async ({ appointments, clients, events }) => {
    const appointment = await appointments.get(tenantId, id);
    if (!appointment) throw notFound('Appointment');
    appointments.remove(appointment);
    const now = deps.clock();
    await clients.recordActivity(tenantId, appointment.clientId, now);
    events.publish(AppointmentDeleted, { tenantId, appointmentId: id, clientId: appointment.clientId, occurredAt: now.toISOString() });
  });
}
