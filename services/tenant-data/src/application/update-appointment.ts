import { AppointmentUpdated, type tenantDataApi } from '@homi/contracts';
import { notFound } from '@homi/service-kit';
import { assertStatusChange, assertValidPeriod, type Appointment } from '../domain/appointment';
import { latest } from '../domain/client';
import { assertNoOverlap, assertStaffMember, assertWorkingHours, bookableTreatment, guardedBooking, type Actor } from './booking';
import { rescheduleNotices } from './appointment-notices';
import type { Deps } from './deps';
import { tenantNotes } from './health-data';

/**
 * Moves an appointment, changes its treatment, staff member, status or notes. The period stays valid,
 * the staff member free and within working hours (when the time or staff member changes), and the
 * status moves only as the domain allows (ADR 46).
 */
export async function updateAppointment(
  deps: Deps,
  tenantId: string,
  id: string,
  changes: tenantDataApi.UpdateAppointment,
  actor: Actor,
): Promise<Appointment> {
  if (changes.staffId) await assertStaffMember(deps, tenantId, changes.staffId);
  return guardedBooking(deps, tenantId, (booking) =>
    deps.uow.forTenant(tenantId, async ({ appointments, clients, treatments, workingHours, notices, institutes, events, health }) => {
      const appointment = await appointments.get(tenantId, id);
      if (!appointment) throw notFound('Appointment');
      const treatment = changes.treatmentId ? await bookableTreatment(treatments, tenantId, changes.treatmentId) : null;
      const startsAt = changes.startsAt ? new Date(changes.startsAt) : appointment.startsAt;
      const endsAt = changes.endsAt
        ? new Date(changes.endsAt)
        : treatment && changes.startsAt === undefined && treatment.id !== appointment.treatmentId
          ? new Date(startsAt.getTime() + treatment.durationMinutes * 60_000)
          : changes.startsAt
            ? new Date(startsAt.getTime() + (appointment.endsAt.getTime() - appointment.startsAt.getTime()))
            : appointment.endsAt;
      assertValidPeriod(startsAt, endsAt);
      const staffId = changes.staffId !== undefined ? changes.staffId : appointment.staffId;
      const rebooked = startsAt.getTime() !== appointment.startsAt.getTime() || endsAt.getTime() !== appointment.endsAt.getTime() || staffId !== appointment.staffId;
      // Every check before any change, so a refusal leaves the appointment as it was.
      if (changes.status !== undefined) assertStatusChange(appointment.status, changes.status);
      const slot = { id, tenantId, staffId, startsAt, endsAt, status: changes.status ?? appointment.status };
      if (rebooked) {
        await assertWorkingHours(workingHours, slot, changes.overrideWorkingHours, actor);
        await assertNoOverlap(appointments, slot);
      }
      if (changes.status !== undefined) appointment.status = changes.status;
      const previousStart = appointment.startsAt.getTime();
      appointment.startsAt = startsAt;
      appointment.endsAt = endsAt;
      appointment.staffId = staffId;
      if (changes.treatmentId !== undefined) appointment.treatmentId = changes.treatmentId;
      if (changes.treatment !== undefined) appointment.treatment = changes.treatment;
      else if (treatment) appointment.treatment = treatment.name;
      if (changes.notes !== undefined) appointment.notes = await tenantNotes(deps, { health }, tenantId).seal({ appointment: id }, changes.notes);
      const now = deps.clock();
      appointment.updatedAt = now;
      await rescheduleNotices(deps, { notices, institutes }, appointment, startsAt.getTime() !== previousStart, now);
      booking.slot = appointment;
      await clients.recordActivity(tenantId, appointment.clientId, latest(now, endsAt));
      events.publish(AppointmentUpdated, { tenantId, appointmentId: id, clientId: appointment.clientId, occurredAt: now.toISOString() });
      return appointment;
    }),
  );
}
