import { AppointmentCreated, type tenantDataApi } from '@homi/contracts';
import { AppError } from '@homi/service-kit';
import { Appointment, assertValidPeriod } from '../domain/appointment';
import { latest } from '../domain/client';
import { assertNoOverlap, assertStaffMember, assertWorkingHours, bookableTreatment, guardedBooking, type Actor } from './booking';
import { queueBookingNotices } from './appointment-notices';
import type { Deps } from './deps';
import { tenantNotes } from './health-data';

const required = (path: string, detail: string) => new AppError('invalid', detail, { errors: [{ path, message: 'required without a treatmentId' }] });

/**
 * Books an appointment for one of the tenant's own clients, with a treatment (its duration gives the
 * end unless one is given) and a staff member, who has no other appointment then (ADR 46).
 */
export async function createAppointment(deps: Deps, tenantId: string, input: tenantDataApi.CreateAppointment, actor: Actor): Promise<Appointment> {
  const startsAt = new Date(input.startsAt);
  if (!input.treatmentId && !input.endsAt) throw required('endsAt', 'An appointment without a treatment needs an end.');
  if (!input.treatmentId && !input.treatment) throw required('treatment', 'An appointment without a treatment needs a treatment text.');
  if (input.staffId) await assertStaffMember(deps, tenantId, input.staffId);
  return guardedBooking(deps, tenantId, (booking) =>
    deps.uow.forTenant(tenantId, async ({ clients, appointments, treatments, workingHours, notices, institutes, events, health }) => {
      const now = deps.clock();
      const treatment = input.treatmentId ? await bookableTreatment(treatments, tenantId, input.treatmentId) : null;
      const endsAt = input.endsAt ? new Date(input.endsAt) : new Date(startsAt.getTime() + (treatment?.durationMinutes ?? 0) * 60_000);
      assertValidPeriod(startsAt, endsAt);
      const client = await clients.get(tenantId, input.clientId);
      if (!client) {
        throw new AppError('invalid', 'The client does not exist.', { errors: [{ path: 'clientId', message: 'no such client in this institute' }] });
      }
      const name = input.treatment ?? treatment?.name ?? '';
      const appointment = new Appointment(deps.newId('apt'), tenantId, client.id, startsAt, endsAt, name, now);
      appointment.treatmentId = treatment?.id ?? null;
      appointment.staffId = input.staffId ?? null;
      appointment.notes = await tenantNotes(deps, { health }, tenantId).seal({ appointment: appointment.id }, input.notes ?? null);
      await assertWorkingHours(workingHours, appointment, input.overrideWorkingHours, actor);
      await assertNoOverlap(appointments, appointment);
      if (!(await clients.recordActivity(tenantId, client.id, latest(now, endsAt)))) {
        throw new AppError('invalid', 'The client does not exist.', { errors: [{ path: 'clientId', message: 'no such client in this institute' }] });
      }
      booking.slot = appointment;
      appointments.add(appointment);
      await queueBookingNotices(deps, { notices, institutes }, appointment, client, now);
      events.publish(AppointmentCreated, { tenantId, appointmentId: appointment.id, clientId: client.id, occurredAt: now.toISOString() });
      return appointment;
    }),
  );
}
