import type { tenantDataApi } from '@homi/contracts';
import type { Appointment } from '../domain/appointment';
import type { Client } from '../domain/client';
import type { Institute } from '../domain/institute';
import type { Treatment } from '../domain/treatment';
import { maskEmail, maskPhone } from '../domain/masking';

/**
 * A client as the caller may see it. Without clients:view (an agenda-only colleague) the
 * contact details are masked and the private fields left out. The notes' text is never here, only
 * whether there are any: it is read with the treatment notes, a call the audit log records (ADR 64).
 */
export function presentClient(client: Client, canViewClients: boolean): tenantDataApi.Client {
  return {
    id: client.id,
    name: client.name,
    email: canViewClients ? client.email : maskEmail(client.email),
    phone: canViewClients ? client.phone : maskPhone(client.phone),
    dateOfBirth: canViewClients ? client.dateOfBirth : null,
    address: canViewClients ? client.address : null,
    hasNotes: canViewClients && client.notes !== null,
    reminderConsent: canViewClients && client.reminderConsent !== null && client.reminderConsentAt
      ? { given: client.reminderConsent, at: client.reminderConsentAt.toISOString() }
      : null,
    masked: !canViewClients,
    createdAt: client.createdAt.toISOString(),
    updatedAt: client.updatedAt.toISOString(),
  };
}

/** An appointment in a list: whether it has treatment notes, not their text (ADR 64). */
export function presentAppointmentListItem(appointment: Appointment, client: Client, canViewClients: boolean): tenantDataApi.AppointmentListItem {
  const c = presentClient(client, canViewClients);
  return {
    id: appointment.id,
    client: { id: c.id, name: c.name, email: c.email, phone: c.phone, masked: c.masked },
    startsAt: appointment.startsAt.toISOString(),
    endsAt: appointment.endsAt.toISOString(),
    treatment: appointment.treatment,
    treatmentId: appointment.treatmentId,
    staffId: appointment.staffId,
    status: appointment.status,
    hasNotes: appointment.notes !== null,
    createdAt: appointment.createdAt.toISOString(),
    updatedAt: appointment.updatedAt.toISOString(),
  };
}

/** One appointment with its notes, opened: only for the calls the gateway records in the audit log (read, book, change). */
export function presentAppointment(appointment: Appointment, client: Client, canViewClients: boolean, notes: string | null): tenantDataApi.Appointment {
  return { ...presentAppointmentListItem(appointment, client, canViewClients), notes };
}

export function presentInstitute(institute: Institute): tenantDataApi.InstituteProfile {
  return {
    tenantId: institute.tenantId,
    name: institute.name,
    kvkNumber: institute.kvkNumber,
    address: institute.address,
    phone: institute.phone,
    email: institute.email,
    reminderLeadHours: institute.reminderLeadHours,
    createdAt: institute.createdAt.toISOString(),
    updatedAt: institute.updatedAt.toISOString(),
  };
}

export function presentTreatment(treatment: Treatment): tenantDataApi.Treatment {
  return {
    id: treatment.id,
    name: treatment.name,
    durationMinutes: treatment.durationMinutes,
    priceCents: treatment.priceCents,
    taxRate: treatment.taxRate,
    active: treatment.active,
    createdAt: treatment.createdAt.toISOString(),
    updatedAt: treatment.updatedAt.toISOString(),
  };
}
