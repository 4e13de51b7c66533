import { z } from 'zod';
import { prefixedId, userId } from '../contract';
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
  /** How many hours before an appointment its reminder is mailed (ADR 53). */
  reminderLeadHours: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

/** Reminders go out 1 hour to 14 days before the appointment. */
export const REMINDER_LEAD_HOURS = { min: 1, max: 336, default: 24 } as const;

export const UpdateInstitute = z.strictObject({
  name: requiredText(200).optional(),
  kvkNumber: z.string().regex(/^[0-9]{8}$/, 'must be 8 digits').nullable().optional(),
  address: address.nullable().optional(),
  phone: phone.nullable().optional(),
  email: email.nullable().optional(),
  reminderLeadHours: z.number().int().min(REMINDER_LEAD_HOURS.min).max(REMINDER_LEAD_HOURS.max).optional(),
});

export const CreateClient = z.strictObject({
  name: requiredText(200),
  email: email.optional(),
  phone: phone.optional(),
  dateOfBirth: isoDate.optional(),
  address: address.optional(),
  notes: text(5000).optional(),
  /** The client agreed (true) or declined (false) to appointment mails; recorded with the time (ADR 53). */
  reminderConsent: z.boolean().optional(),
});

export const UpdateClient = z.strictObject({
  name: requiredText(200).optional(),
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
  dateOfBirth: isoDate.nullable().optional(),
  address: address.nullable().optional(),
  notes: text(5000).nullable().optional(),
  reminderConsent: z.boolean().optional(),
});

/** Whether the client wants appointment mails, and since when; null: never asked. */
export const ReminderConsent = z.object({ given: z.boolean(), at: isoDateTime });

export const Client = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  address: address.nullable(),
  /**
   * Whether the client form's notes hold anything (false when masked). Their text is read only with
   * the client's treatment notes (`GET …/clients/{clientId}/notes`, `general`), a call recorded in the
   * institute's audit log (ADR 64): notes may concern health.
   */
  hasNotes: z.boolean(),
  /** Null when never recorded (and when masked). */
  reminderConsent: ReminderConsent.nullable(),
  /** True when the caller lacks clients:view and contact details are masked. */
  masked: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

/** One client with what the client card shows of their history. */
export const ClientDetail = Client.extend({
  /** Completed appointments. */
  visitCount: z.number().int(),
  noShowCount: z.number().int(),
});

const clockTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/, 'must be a time like 09:00');

/** One working period on a weekday (1 Monday … 7 Sunday), in the institute's local time (Europe/Amsterdam). */
export const WorkingPeriod = z
  .strictObject({ weekday: z.number().int().min(1).max(7), start: clockTime, end: clockTime })
  .refine((p) => p.end > p.start, { message: 'must end after it starts', path: ['end'] });

export const WorkingHours = z.strictObject({
  /** Empty: no working hours set, bookings are not limited. */
  periods: z.array(WorkingPeriod).max(28),
});

export const ListClientsQuery = z.strictObject({
  q: text(100).optional(),
  limit: pageLimit,
  cursor: cursor.optional(),
});

export const ClientPage = page(Client);

/** VAT rates a Dutch institute charges: 0 (exempt, e.g. medisch pedicure), 9 (low) and 21 (standard). */
export const TAX_RATES = [0, 9, 21] as const;
export const taxRate = z.union([z.literal(0), z.literal(9), z.literal(21)]);
export const treatmentId = prefixedId('trt', 'must be a treatment id');
/** A member of the institute: a user id (`usr_…`, or a Keycloak UUID). */
export const staffId = userId;

export const Treatment = z.object({
  id: z.string(),
  name: z.string(),
  durationMinutes: z.number().int(),
  priceCents: z.number().int(),
  taxRate,
  active: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const CreateTreatment = z.strictObject({
  name: requiredText(200),
  /** Five minutes to eight hours. */
  durationMinutes: z.number().int().min(5).max(480),
  /** Including VAT, in euro cents. */
  priceCents: z.number().int().min(0).max(10_000_000),
  taxRate,
  active: z.boolean().default(true),
});

export const UpdateTreatment = z.strictObject({
  name: requiredText(200).optional(),
  durationMinutes: z.number().int().min(5).max(480).optional(),
  priceCents: z.number().int().min(0).max(10_000_000).optional(),
  taxRate: taxRate.optional(),
  active: z.boolean().optional(),
});

/** All of the institute's treatments, deactivated ones too (`active: false`), by name. */
export const TreatmentList = z.object({ items: z.array(Treatment) });

export const APPOINTMENT_STATUSES = ['booked', 'completed', 'cancelled', 'no-show'] as const;
export const AppointmentStatus = z.enum(APPOINTMENT_STATUSES);

/** The problem type of a 409 for a booking that overlaps another of the same staff member. */
export const APPOINTMENT_OVERLAP_PROBLEM = 'appointment-overlap';
/** The problem type of a 422 for a booking outside the staff member's working hours without an owner's override. */
export const OUTSIDE_WORKING_HOURS_PROBLEM = 'outside-working-hours';
/** The problem type of a 409 for a status change the appointment's status does not allow. */
export const INVALID_STATUS_TRANSITION_PROBLEM = 'invalid-status-transition';

export const CreateAppointment = z.strictObject({
  clientId: prefixedId('cli', 'must be a client id'),
  startsAt: isoDateTime,
  /** Defaults to startsAt plus the treatment's duration; required without a treatmentId. */
  endsAt: isoDateTime.optional(),
  /** Free text; defaults to the treatment's name. Required without a treatmentId. */
  treatment: requiredText(200).optional(),
  treatmentId: treatmentId.optional(),
  staffId: staffId.optional(),
  /** Book outside the staff member's working hours: owner or admin only. */
  overrideWorkingHours: z.boolean().optional(),
  notes: text(10000).optional(),
});

/** A booking without a treatment from the list: its end and treatment text are then required (the server says so too). */
export const CreateFreeTextAppointment = CreateAppointment.extend({ endsAt: isoDateTime, treatment: requiredText(200) });

export const UpdateAppointment = z.strictObject({
  startsAt: isoDateTime.optional(),
  endsAt: isoDateTime.optional(),
  treatment: requiredText(200).optional(),
  treatmentId: treatmentId.nullable().optional(),
  staffId: staffId.nullable().optional(),
  status: AppointmentStatus.optional(),
  overrideWorkingHours: z.boolean().optional(),
  notes: text(10000).nullable().optional(),
});

export const AppointmentClient = Client.pick({ id: true, name: true, email: true, phone: true, masked: true });

/** An appointment in the agenda's lists: whether it has treatment notes, never their text (ADR 64). */
export const AppointmentListItem = z.object({
  id: z.string(),
  client: AppointmentClient,
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  treatment: z.string(),
  treatmentId: z.string().nullable(),
  staffId: z.string().nullable(),
  status: AppointmentStatus,
  hasNotes: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

/**
 * One appointment with its treatment notes: the answer of reading, booking or changing one, each a
 * call recorded in the institute's audit log (ADR 64).
 */
export const Appointment = AppointmentListItem.extend({ notes: z.string().nullable() });

export const ListAppointmentsQuery = z.strictObject({
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  clientId: prefixedId('cli', 'must be a client id').optional(),
  staffId: staffId.optional(),
  /** By start time: `asc` (the agenda, what comes next) or `desc` (a client's history, the latest visit first). */
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: pageLimit,
  cursor: cursor.optional(),
});

export const AppointmentPage = page(AppointmentListItem);

/**
 * Health data (GDPR art. 9, ADR 50): a client's alerts and treatment notes, encrypted at rest with
 * the institute's data key; every read is recorded in the institute's audit log.
 */
export const ALERT_KINDS = ['allergy', 'contra-indication', 'other'] as const;
export const ClientAlert = z.strictObject({ kind: z.enum(ALERT_KINDS), text: requiredText(500) });
/** The whole list: PUT replaces it, an empty list clears it. */
export const ClientAlerts = z.strictObject({ items: z.array(ClientAlert).max(20) });
const appointmentRef = prefixedId('apt', 'must be an appointment id');
export const CreateClientNote = z.strictObject({ text: requiredText(5000), appointmentId: appointmentRef.optional() });
export const ClientNote = z.object({
  id: z.string(),
  text: z.string(),
  appointmentId: z.string().nullable(),
  /** The member who wrote it. */
  authorId: z.string(),
  createdAt: isoDateTime,
});
export const ClientNoteList = z.object({
  /** The notes of the client form (`notes` of the client), null when empty (ADR 64). */
  general: z.string().nullable(),
  items: z.array(ClientNote),
});
/** Why a row of an imported client file was not taken (ADR 49); the report names codes and row numbers, never the row's values. */
export const CLIENT_IMPORT_REASONS = [
  'missing-name', 'invalid-name', 'invalid-email', 'invalid-phone', 'invalid-date', 'invalid-address', 'invalid-notes',
  'duplicate-in-file', 'too-many-fields',
] as const;
export const ClientImportReason = z.enum(CLIENT_IMPORT_REASONS);

/** The problem types of a client file refused as a whole (nothing imported). */
export const CLIENT_IMPORT_PROBLEMS = ['not-csv', 'empty-file', 'missing-columns'] as const;

export const ClientImportQuery = z.strictObject({
  /** `true`: validate and report only; nothing is stored. */
  dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export const importId = prefixedId('imp', 'must be an import id');

/** A row that was not imported: its spreadsheet row number (the header is row 1) and every reason. */
export const ClientImportProblem = z.object({ row: z.number().int(), reasons: z.array(ClientImportReason) });

export const ClientImportReport = z.object({
  /** Null for a dry run, which is not stored. */
  id: z.string().nullable(),
  dryRun: z.boolean(),
  status: z.enum(['completed']),
  counts: z.object({
    /** Data rows read (blank rows not counted). */
    rows: z.number().int(),
    /** Clients created (a dry run: that would be created). */
    imported: z.number().int(),
    /** Rows already in the institute: imported before, or a client with that e-mail address exists. */
    alreadyPresent: z.number().int(),
    invalid: z.number().int(),
  }),
  /** Header names that were not recognised and so not read. */
  ignoredColumns: z.array(z.string()),
  problems: z.array(ClientImportProblem),
  createdAt: isoDateTime,
});

/** What an unsubscribe code (`<tenantId>.<clientId>.<mac>`, ADR 53) may look like, in a body or a one-click URL's path. */
export const UNSUBSCRIBE_CODE = /^[A-Za-z0-9_.~-]{20,400}$/;
/** The code from an unsubscribe link, in the body (never in a URL that logs keep). */
export const ReminderUnsubscribeToken = z.strictObject({ token: z.string().min(20).max(400).regex(UNSUBSCRIBE_CODE, 'not an unsubscribe code') });
/**
 * The body of an RFC 8058 one-click unsubscribe, which a mailbox provider posts form-encoded to the
 * `List-Unsubscribe` URL (the code in its path) when the recipient presses its "unsubscribe" button.
 */
export const ReminderOneClickUnsubscribe = z.strictObject({ 'List-Unsubscribe': z.literal('One-Click') });
/** What the unsubscribe page shows before the client confirms. */
export const ReminderSubscription = z.object({ instituteName: z.string(), subscribed: z.boolean() });

export type ReminderConsent = z.infer<typeof ReminderConsent>;
export type ReminderUnsubscribeToken = z.infer<typeof ReminderUnsubscribeToken>;
export type ReminderOneClickUnsubscribe = z.infer<typeof ReminderOneClickUnsubscribe>;
export type ReminderSubscription = z.infer<typeof ReminderSubscription>;
export type InstituteProfile = z.infer<typeof InstituteProfile>;
export type UpdateInstitute = z.infer<typeof UpdateInstitute>;
export type CreateClient = z.infer<typeof CreateClient>;
export type UpdateClient = z.infer<typeof UpdateClient>;
export type Client = z.infer<typeof Client>;
export type ListClientsQuery = z.infer<typeof ListClientsQuery>;
export type CreateAppointment = z.infer<typeof CreateAppointment>;
export type UpdateAppointment = z.infer<typeof UpdateAppointment>;
export type Appointment = z.infer<typeof Appointment>;
export type AppointmentListItem = z.infer<typeof AppointmentListItem>;
export type ListAppointmentsQuery = z.infer<typeof ListAppointmentsQuery>;
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;
export type Treatment = z.infer<typeof Treatment>;
export type CreateTreatment = z.infer<typeof CreateTreatment>;
export type UpdateTreatment = z.infer<typeof UpdateTreatment>;
export type TaxRate = z.infer<typeof taxRate>;
export type ClientDetail = z.infer<typeof ClientDetail>;
export type WorkingPeriod = z.infer<typeof WorkingPeriod>;
export type WorkingHours = z.infer<typeof WorkingHours>;
export type ClientAlert = z.infer<typeof ClientAlert>;
export type ClientAlerts = z.infer<typeof ClientAlerts>;
export type CreateClientNote = z.infer<typeof CreateClientNote>;
export type ClientNote = z.infer<typeof ClientNote>;
export type ClientNoteList = z.infer<typeof ClientNoteList>;

/** Internal HTTP paths of tenant-data that other services call with a signed service credential. */
export const tenantDataInternalPaths = {
  /** GET: one client's details, for billing-integration, which shares them with the invoicing provider. */
  client: (tenantId: string, clientId: string) => `/internal/v1/tenants/${tenantId}/clients/${clientId}`,
  /** GET: what billing-integration needs to invoice one appointment (ADR 55). */
  appointment: (tenantId: string, appointmentId: string) => `/internal/v1/tenants/${tenantId}/appointments/${appointmentId}`,
} as const;

/** The problem type of tenant-data's internal 404 for an appointment it does not hold (never existed, another tenant's, deleted). */
export const APPOINTMENT_NOT_FOUND_PROBLEM = 'appointment-not-found';

/**
 * An appointment as tenant-data's internal route answers billing-integration: its client's id, its
 * status and day, and its treatment's name, price (VAT included, cents) and VAT rate; no notes, no
 * client details. `treatment` is null for a free-text appointment.
 */
export const InvoiceableAppointment = z.object({
  id: z.string(),
  clientId: z.string(),
  status: AppointmentStatus,
  startsAt: isoDateTime,
  treatment: Treatment.pick({ id: true, name: true, priceCents: true, taxRate: true }).nullable(),
});
export type InvoiceableAppointment = z.infer<typeof InvoiceableAppointment>;

/** The problem type of tenant-data's 404 for a client it does not hold (never existed, or erased). */
export const CLIENT_NOT_FOUND_PROBLEM = 'client-not-found';

/**
 * A client as tenant-data's internal route answers it: only the fields an invoice needs (no date of
 * birth, no notes), so a caller cannot receive more than it may pass on.
 */
export const InvoiceableClient = Client.pick({ id: true, name: true, email: true, phone: true, address: true });
export type InvoiceableClient = z.infer<typeof InvoiceableClient>;
export type ClientImportReason = z.infer<typeof ClientImportReason>;
export type ClientImportProblem = z.infer<typeof ClientImportProblem>;
export type ClientImportReport = z.infer<typeof ClientImportReport>;
