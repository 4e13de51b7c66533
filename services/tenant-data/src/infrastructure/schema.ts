import { EntitySchema } from '@mikro-orm/postgresql';
import { Appointment } from '../domain/appointment';
import { Client } from '../domain/client';
import { Institute } from '../domain/institute';

/**
 * Every tenant-owned entity carries the `tenant` filter, on by default: a query made without a
 * tenantId parameter fails instead of reading across tenants. Row-level security backs it up.
 */
const tenantFilter = {
  tenant: { name: 'tenant', cond: (args: { tenantId: string }) => ({ tenantId: args.tenantId }), default: true, args: true },
};

const timestamps = {
  createdAt: { type: 'Date', columnType: 'timestamptz' },
  updatedAt: { type: 'Date', columnType: 'timestamptz' },
} as const;

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
    ...timestamps,
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
    ...timestamps,
    lastActivityAt: { type: 'Date', columnType: 'timestamptz' },
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
    startsAt: { type: 'Date', columnType: 'timestamptz' },
    endsAt: { type: 'Date', columnType: 'timestamptz' },
    treatment: { type: 'string' },
    notes: { type: 'text', nullable: true },
    ...timestamps,
  },
});

export const tenantDataEntities = [InstituteSchema, ClientSchema, AppointmentSchema];
