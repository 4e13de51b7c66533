import { z } from 'zod';
import { defineContract, isoDateTime, prefixedId, STREAM_MAX_AGE_MS, tenantId } from './contract';
import { namespacedStream } from './nats-namespace';

// Thin events: identifiers and time only. Personal data stays in tenant-data's own database.

export const clientId = prefixedId('cli');
export const appointmentId = prefixedId('apt');

const clientEvent = z.strictObject({ tenantId, clientId, occurredAt: isoDateTime });
const appointmentEvent = z.strictObject({ tenantId, appointmentId, clientId, occurredAt: isoDateTime });

export const ClientCreated = defineContract('tenant-data.client.created.v1', 1, clientEvent);
export const ClientUpdated = defineContract('tenant-data.client.updated.v1', 1, clientEvent);
export const ClientDeleted = defineContract('tenant-data.client.deleted.v1', 1, clientEvent);
export const AppointmentCreated = defineContract('tenant-data.appointment.created.v1', 1, appointmentEvent);
export const AppointmentUpdated = defineContract('tenant-data.appointment.updated.v1', 1, appointmentEvent);
export const AppointmentDeleted = defineContract('tenant-data.appointment.deleted.v1', 1, appointmentEvent);
export const InstituteUpdated = defineContract(
  'tenant-data.institute.updated.v1',
  1,
  z.strictObject({ tenantId, occurredAt: isoDateTime }),
);

export type ClientCreated = z.infer<typeof ClientCreated.schema>;
export type ClientUpdated = z.infer<typeof ClientUpdated.schema>;
export type ClientDeleted = z.infer<typeof ClientDeleted.schema>;
export type AppointmentCreated = z.infer<typeof AppointmentCreated.schema>;
export type AppointmentUpdated = z.infer<typeof AppointmentUpdated.schema>;
export type AppointmentDeleted = z.infer<typeof AppointmentDeleted.schema>;
export type InstituteUpdated = z.infer<typeof InstituteUpdated.schema>;

/** The stream that retains tenant-data's events. */
export const TENANT_DATA_STREAM = namespacedStream({ name: 'TENANT_DATA', subjects: ['tenant-data.>'], maxAgeMs: STREAM_MAX_AGE_MS });
