import { z } from 'zod';
import { prefixedId } from '../contract';
import { address, cursor, email, isoDate, isoDateTime, page, pageLimit, phone, requiredText, text } from './common';

// Request and response shapes of tenant-data's public routes. tenant-data validates with them and
// the gateway publishes them in the OpenAPI document, so the two cannot drift apart.

export const InstituteProfile = z.object({
  tenantId: z.string(),
  name: z.string(),
  kvkNumber: z.string().nullable(),
  address: address.nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const UpdateInstitute = z.strictObject({
  name: requiredText(200).optional(),
  kvkNumber: z.string().regex(/^[0-9]{8}$/, 'must be 8 digits').nullable().optional(),
  address: address.nullable().optional(),
  phone: phone.nullable().optional(),
  email: email.nullable().optional(),
});

export const CreateClient = z.strictObject({
  name: requiredText(200),
  email: email.optional(),
  phone: phone.optional(),
  dateOfBirth: isoDate.optional(),
  address: address.optional(),
  notes: text(5000).optional(),
});

export const UpdateClient = z.strictObject({
  name: requiredText(200).optional(),
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
  dateOfBirth: isoDate.nullable().optional(),
  address: address.nullable().optional(),
  notes: text(5000).nullable().optional(),
});

export const Client = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  address: address.nullable(),
  notes: z.string().nullable(),
  /** True when the caller lacks clients:view and contact details are masked. */
  masked: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const ListClientsQuery = z.strictObject({
  q: text(100).optional(),
  limit: pageLimit,
  cursor: cursor.optional(),
});

export const ClientPage = page(Client);

export const CreateAppointment = z.strictObject({
  clientId: prefixedId('cli', 'must be a client id'),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  treatment: requiredText(200),
  notes: text(10000).optional(),
});

export const UpdateAppointment = z.strictObject({
  startsAt: isoDateTime.optional(),
  endsAt: isoDateTime.optional(),
  treatment: requiredText(200).optional(),
  notes: text(10000).nullable().optional(),
});

export const AppointmentClient = Client.pick({ id: true, name: true, email: true, phone: true, masked: true });

export const Appointment = z.object({
  id: z.string(),
  client: AppointmentClient,
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  treatment: z.string(),
  notes: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const ListAppointmentsQuery = z.strictObject({
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  clientId: prefixedId('cli', 'must be a client id').optional(),
  /** By start time: `asc` (the agenda, what comes next) or `desc` (a client's history, the latest visit first). */
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: pageLimit,
  cursor: cursor.optional(),
});

export const AppointmentPage = page(Appointment);

export type InstituteProfile = z.infer<typeof InstituteProfile>;
export type UpdateInstitute = z.infer<typeof UpdateInstitute>;
export type CreateClient = z.infer<typeof CreateClient>;
export type UpdateClient = z.infer<typeof UpdateClient>;
export type Client = z.infer<typeof Client>;
export type ListClientsQuery = z.infer<typeof ListClientsQuery>;
export type CreateAppointment = z.infer<typeof CreateAppointment>;
export type UpdateAppointment = z.infer<typeof UpdateAppointment>;
export type Appointment = z.infer<typeof Appointment>;
export type ListAppointmentsQuery = z.infer<typeof ListAppointmentsQuery>;

/** Internal HTTP paths of tenant-data that other services call with a signed service credential. */
export const tenantDataInternalPaths = {
  /** GET: one client's details, for billing-integration, which shares them with the invoicing provider. */
  client: (tenantId: string, clientId: string) => `/internal/v1/tenants/${tenantId}/clients/${clientId}`,
} as const;

/** The problem type of tenant-data's 404 for a client it does not hold (never existed, or erased). */
export const CLIENT_NOT_FOUND_PROBLEM = 'client-not-found';

/**
 * A client as tenant-data's internal route answers it: only the fields an invoice needs (no date of
 * birth, no notes), so a caller cannot receive more than it may pass on.
 */
export const InvoiceableClient = Client.pick({ id: true, name: true, email: true, phone: true, address: true });
export type InvoiceableClient = z.infer<typeof InvoiceableClient>;
