import { EntitySchema } from '@mikro-orm/postgresql';
import { createdAndUpdated, noticeColumns, tenantFilter, timestamptz } from '@homi/service-kit';
import { Appointment } from '../domain/appointment';
import { AppointmentNotice } from '../domain/appointment-notice';
import { Client } from '../domain/client';
import { ClientImport } from '../domain/client-import';
import { Institute } from '../domain/institute';
import { Treatment } from '../domain/treatment';
import { StaffWorkingHours } from '../domain/working-hours';

export const InstituteSchema = new EntitySchema<Institute>({
  class: Institute,
  tableName: 'institutes',
  filters: tenantFilter,
  properties: {
    tenantId: { type: 'string', primary: true },
    name: { type: 'string' },
    kvkNumber: { type: 'string', nullable: true },
    address: { type: 'json', nullable: true },
    phone: { type: 'string', nullable: true },
    email: { type: 'string', nullable: true },
    reminderLeadHours: { type: 'integer' },
    ...createdAndUpdated,
  },
});

export const ClientSchema = new EntitySchema<Client>({
  class: Client,
  tableName: 'clients',
  filters: tenantFilter,
  properties: {
    id: { type: 'string', primary: true },
    tenantId: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string', nullable: true },
    phone: { type: 'string', nullable: true },
    dateOfBirth: { type: 'string', columnType: 'date', nullable: true },
    address: { type: 'json', nullable: true },
    notes: { type: 'text', nullable: true },
    importKey: { type: 'string', nullable: true },
    reminderConsent: { type: 'boolean', nullable: true },
    reminderConsentAt: timestamptz(true),
    ...createdAndUpdated,
    lastActivityAt: timestamptz(),
  },
});

export const AppointmentSchema = new EntitySchema<Appointment>({
  class: Appointment,
  tableName: 'appointments',
  filters: tenantFilter,
  properties: {
    id: { type: 'string', primary: true },
    tenantId: { type: 'string' },
    clientId: { type: 'string' },
    startsAt: timestamptz(),
    endsAt: timestamptz(),
    treatment: { type: 'string' },
    treatmentId: { type: 'string', nullable: true },
    staffId: { type: 'string', nullable: true },
    status: { type: 'string' },
    notes: { type: 'text', nullable: true },
    ...createdAndUpdated,
  },
});

export const TreatmentSchema = new EntitySchema<Treatment>({
  class: Treatment,
  tableName: 'treatments',
  filters: tenantFilter,
  properties: {
    id: { type: 'string', primary: true },
    tenantId: { type: 'string' },
    name: { type: 'string' },
    durationMinutes: { type: 'integer' },
    priceCents: { type: 'integer' },
    taxRate: { type: 'integer' },
    active: { type: 'boolean' },
    ...createdAndUpdated,
  },
});

export const StaffWorkingHoursSchema = new EntitySchema<StaffWorkingHours>({
  class: StaffWorkingHours,
  tableName: 'working_hours',
  filters: tenantFilter,
  properties: {
    tenantId: { type: 'string', primary: true },
    userId: { type: 'string', primary: true },
    periods: { type: 'json' },
    updatedAt: timestamptz(),
  },
});

export const ClientImportSchema = new EntitySchema<ClientImport>({
  class: ClientImport,
  tableName: 'client_imports',
  filters: tenantFilter,
  properties: {
    id: { type: 'string', primary: true },
    tenantId: { type: 'string' },
    status: { type: 'string' },
    createdBy: { type: 'string' },
    counts: { type: 'json' },
    ignoredColumns: { type: 'json' },
    problems: { type: 'json' },
    createdAt: timestamptz(),
  },
});

export const AppointmentNoticeSchema = new EntitySchema<AppointmentNotice>({
  class: AppointmentNotice,
  tableName: 'appointment_notices',
  filters: tenantFilter,
  properties: {
    id: { type: 'string', primary: true },
    tenantId: { type: 'string' },
    appointmentId: { type: 'string' },
    kind: { type: 'string' },
    ...noticeColumns,
    createdAt: timestamptz(),
  },
});

export const tenantDataEntities = [AppointmentNoticeSchema, InstituteSchema, ClientSchema, AppointmentSchema, TreatmentSchema, StaffWorkingHoursSchema, ClientImportSchema];
