import { AppointmentDeleted } from '@homi/contracts';
import { enqueue } from '@homi/messaging';
import { notFound } from '@homi/service-kit';
import { AppointmentRepository } from '../infrastructure/appointment-repository';
import { ClientRepository } from '../infrastructure/client-repository';
import type { Deps } from './deps';

/** Cancels an appointment and removes its treatment notes. */
export async function deleteAppointment(deps: Deps, tenantId: string, id: string): Promise<void> {
  await deps.scope.run(tenantId, async (em) => {
    const repo = new AppointmentRepository(em);
    const appointment = await repo.get(tenantId, id);
    if (!appointment) throw notFound('Appointment');
    repo.remove(appointment);
    const now = deps.clock();
    await new ClientRepository(em).recordActivity(tenantId, appointment.clientId, now);
    enqueue(em, AppointmentDeleted, {
      tenantId,
      appointmentId: id,
      clientId: appointment.clientId,
      occurredAt: now.toISOString(),
    });
  });
}
