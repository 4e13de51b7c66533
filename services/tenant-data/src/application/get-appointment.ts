import { notFound } from '@homi/service-kit';
import type { Deps } from './deps';
import type { AppointmentWithClient } from './list-appointments';

/** One appointment of the tenant with its client, or not_found. */
export async function getAppointment(deps: Deps, tenantId: string, id: string): Promise<AppointmentWithClient> {
  return deps.uow.forTenant(tenantId, async ({ appointments, clients }) => {
    const appointment = await appointments.get(tenantId, id);
    const client = appointment && (await clients.get(tenantId, appointment.clientId));
    if (!appointment || !client) throw notFound('Appointment');
    return { appointment, client };
  });
}
