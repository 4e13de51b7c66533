import { AppointmentCreated, type tenantDataApi } from '@homi/contracts';
import { AppError } from '@homi/service-kit';
import { Appointment, assertValidPeriod } from '../domain/appointment';
import { latest } from '../domain/client';
import type { Deps } from './deps';

/** Books an appointment for one of the tenant's own clients. */
export async function createAppointment(deps: Deps, tenantId: string, input: tenantDataApi.CreateAppointment): Promise<Appointment> {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  assertValidPeriod(startsAt, endsAt);
  return deps.uow.forTenant(tenantId, async ({ clients, appointments, events }) => {
    const now = deps.clock();
    const client = await clients.get(tenantId, input.clientId);
    if (!client || !(await clients.recordActivity(tenantId, client.id, latest(now, endsAt)))) {
      throw new AppError('invalid', 'The client does not exist.', {
        errors: [{ path: 'clientId', message: 'no such client in this institute' }],
      });
    }
    const appointment = new Appointment(deps.newId('apt'), tenantId, client.id, startsAt, endsAt, input.treatment, now);
    appointment.notes = input.notes ?? null;
    appointments.add(appointment);
    events.publish(AppointmentCreated, { tenantId, appointmentId: appointment.id, clientId: client.id, occurredAt: now.toISOString() });
    return appointment;
  });
}
