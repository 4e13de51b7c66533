import { notFound } from '@homi/service-kit';
import { AppointmentRepository } from '../infrastructure/appointment-repository';
import { ClientRepository } from '../infrastructure/client-repository';
import type { Deps } from './deps';
import type { AppointmentWithClient } from './list-appointments';

/** One appointment of the tenant with its client, or not_found. */
export async function getAppointment(deps: Deps, tenantId: string, id: string): Promise<AppointmentWithClient> {
  return deps.scope.run(tenantId, async (em) => {
    const appointment = await new AppointmentRepository(em).get(tenantId, id);
    const client = appointment && (await new ClientRepository(em).get(tenantId, appointment.clientId));
    if (!appointment || !client) throw notFound('Appointment');
    return { appointment, client };
  });
}
