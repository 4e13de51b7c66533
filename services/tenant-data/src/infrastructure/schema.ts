import { EntitySchema } from '@mikro-orm/postgresql';
import { createdAndUpdated, tenantFilter, timestamptz } from '@homi/service-kit';
import { Appointment } from '../domain/appointment';
import { Client } from '../domain/client';
import { Institute } from '../domain/institute';

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
    notes: { type: 'text', nullable: true },
    ...createdAndUpdated,
  },
});

export const tenantDataEntities = [InstituteSchema, ClientSchema, AppointmentSchema];
