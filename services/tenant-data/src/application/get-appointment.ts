import { notFound } from '@homi/service-kit';
import type { Deps } from './deps';
import { tenantNotes } from './health-data';
import type { Appointment } from '../domain/appointment';
import type { Treatment } from '../domain/treatment';
import type { AppointmentWithClient } from './list-appointments';

/** One appointment of the tenant with its client and its notes opened (ADR 65), or not_found. */
export async function getAppointment(deps: Deps, tenantId: string, id: string): Promise<AppointmentWithClient & { notes: string | null }> {
  return deps.uow.forTenant(tenantId, async ({ appointments, clients, health }) => {
    const appointment = await appointments.get(tenantId, id);
    const client = appointment && (await clients.get(tenantId, appointment.clientId));
    if (!appointment || !client) throw notFound('Appointment');
    return { appointment, client, notes: await tenantNotes(deps, { health }, tenantId).open({ appointment: id }, appointment.notes) };
  });
}

/**
 * An appointment of the tenant whose client is still held, with its treatment (null for a free-text
 * booking; a deactivated treatment still counts: the appointment was booked with it), or undefined.
 */
export async function getInvoiceableAppointment(
  deps: Deps,
  tenantId: string,
  id: string,
): Promise<{ appointment: Appointment; treatment: Treatment | null } | undefined> {
  return deps.uow.forTenant(tenantId, async ({ appointments, clients, treatments }) => {
    const appointment = await appointments.get(tenantId, id);
    if (!appointment || !(await clients.get(tenantId, appointment.clientId))) return undefined;
    const treatment = appointment.treatmentId ? await treatments.get(tenantId, appointment.treatmentId) : null;
    return { appointment, treatment };
  });
}
