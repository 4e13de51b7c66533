import { z } from 'zod';
import {
  billingApi as billing, helpdeskApi as helpdesk, identityApi as identity, privacyApi as privacy, supportApi as support, tenantDataApi as api, usageApi as usage, prefixedIdPattern,
} from '@homi/contracts';
import { USER_ID_PATTERN } from '../http/path-ids';
import type { JsonSchema } from './json-schema';

// The reusable parts of the OpenAPI document: named schemas, error responses, path parameters.

const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  currentVersion: z.string().optional().describe('With `privacy-statement-acceptance-required`: the version to accept.'),
});

/** Request schemas are published as they are accepted, responses as they are sent. */
export const SCHEMAS: Record<string, { schema: z.ZodType; io: 'input' | 'output' }> = {
  InstituteProfile: { schema: api.InstituteProfile, io: 'output' },
  UpdateInstitute: { schema: api.UpdateInstitute, io: 'input' },
  Client: { schema: api.Client, io: 'output' },
  ClientPage: { schema: api.ClientPage, io: 'output' },
  CreateClient: { schema: api.CreateClient, io: 'input' },
  UpdateClient: { schema: api.UpdateClient, io: 'input' },
  Appointment: { schema: api.Appointment, io: 'output' },
  AppointmentListItem: { schema: api.AppointmentListItem, io: 'output' },
  AppointmentPage: { schema: api.AppointmentPage, io: 'output' },
  CreateAppointment: { schema: api.CreateAppointment, io: 'input' },
  UpdateAppointment: { schema: api.UpdateAppointment, io: 'input' },
  Treatment: { schema: api.Treatment, io: 'output' },
  TreatmentList: { schema: api.TreatmentList, io: 'output' },
  CreateTreatment: { schema: api.CreateTreatment, io: 'input' },
  UpdateTreatment: { schema: api.UpdateTreatment, io: 'input' },
  WorkingHours: { schema: api.WorkingHours, io: 'input' },
  ClientAlerts: { schema: api.ClientAlerts, io: 'input' },
  ClientNote: { schema: api.ClientNote, io: 'output' },
  ClientNoteList: { schema: api.ClientNoteList, io: 'output' },
  CreateClientNote: { schema: api.CreateClientNote, io: 'input' },
  ClientDetail: { schema: api.ClientDetail, io: 'output' },
  ClientImportReport: { schema: api.ClientImportReport, io: 'output' },
  ReminderUnsubscribeToken: { schema: api.ReminderUnsubscribeToken, io: 'input' },
  ReminderOneClickUnsubscribe: { schema: api.ReminderOneClickUnsubscribe, io: 'input' },
  ReminderSubscription: { schema: api.ReminderSubscription, io: 'output' },
  PrivacyStatement: { schema: identity.PrivacyStatement, io: 'output' },
  PrivacyStatementList: { schema: identity.PrivacyStatementList, io: 'output' },
  PublishPrivacyStatement: { schema: identity.PublishPrivacyStatement, io: 'input' },
  Signup: { schema: identity.Signup, io: 'input' },
  SignupResult: { schema: identity.SignupResult, io: 'output' },
  Me: { schema: identity.Me, io: 'output' },
  UpdateMe: { schema: identity.UpdateMe, io: 'input' },
  AccountDeletion: { schema: identity.AccountDeletion, io: 'output' },
  OpenTicket: { schema: helpdesk.OpenTicket, io: 'input' },
  PostTicketMessage: { schema: helpdesk.PostMessage, io: 'input' },
  UpdateTicket: { schema: helpdesk.UpdateTicket, io: 'input' },
  Ticket: { schema: helpdesk.Ticket, io: 'output' },
  TicketSummary: { schema: helpdesk.TicketSummary, io: 'output' },
  TicketPage: { schema: helpdesk.TicketPage, io: 'output' },
  TicketMessage: { schema: helpdesk.TicketMessage, io: 'output' },
  SupportTicket: { schema: helpdesk.SupportTicket, io: 'output' },
  SupportTicketSummary: { schema: helpdesk.SupportTicketSummary, io: 'output' },
  SupportTicketPage: { schema: helpdesk.SupportTicketPage, io: 'output' },
  TicketPrivacyRequest: { schema: helpdesk.TicketPrivacyRequest, io: 'input' },
  TicketPrivacyRequestLinked: { schema: helpdesk.TicketPrivacyRequestLinked, io: 'output' },
  AcceptPrivacyStatement: { schema: identity.AcceptPrivacyStatement, io: 'input' },
  Member: { schema: identity.Member, io: 'output' },
  MemberList: { schema: identity.MemberList, io: 'output' },
  StaffMember: { schema: identity.StaffMember, io: 'output' },
  StaffList: { schema: identity.StaffList, io: 'output' },
  AddMember: { schema: identity.AddMember, io: 'input' },
  Invitation: { schema: identity.Invitation, io: 'output' },
  InvitationList: { schema: identity.InvitationList, io: 'output' },
  InvitationPreview: { schema: identity.InvitationPreview, io: 'output' },
  InvitationSignup: { schema: identity.InvitationSignup, io: 'input' },
  InvitationAccepted: { schema: identity.InvitationAccepted, io: 'output' },
  MailToken: { schema: identity.MailTokenBody, io: 'input' },
  UpdateMember: { schema: identity.UpdateMember, io: 'input' },
  CreatePrivacyRequest: { schema: privacy.CreatePrivacyRequest, io: 'input' },
  PrivacyRequestAccepted: { schema: privacy.PrivacyRequestAccepted, io: 'output' },
  PrivacyRequest: { schema: privacy.PrivacyRequest, io: 'output' },
  PrivacyRequestPage: { schema: privacy.PrivacyRequestPage, io: 'output' },
  ExtendPrivacyRequest: { schema: privacy.ExtendPrivacyRequest, io: 'input' },
  DataMap: { schema: privacy.DataMap, io: 'output' },
  InstituteExport: { schema: privacy.InstituteExport, io: 'output' },
  InstituteExportList: { schema: privacy.InstituteExportList, io: 'output' },
  FactuurSturenConnection: { schema: billing.FactuurSturenConnection, io: 'output' },
  ConnectFactuurSturen: { schema: billing.ConnectFactuurSturen, io: 'input' },
  Invoice: { schema: billing.Invoice, io: 'output' },
  InvoicePage: { schema: billing.InvoicePage, io: 'output' },
  CreateInvoice: { schema: billing.CreateInvoice, io: 'input' },
  CreateInvoiceFromAppointment: { schema: billing.CreateInvoiceFromAppointment, io: 'input' },
  CreateInvoiceRequest: { schema: billing.CreateInvoiceRequest, io: 'input' },
  CreateSupportAccessRequest: { schema: support.CreateSupportAccessRequest, io: 'input' },
  ApproveSupportAccess: { schema: support.ApproveSupportAccess, io: 'input' },
  SupportAccessRequest: { schema: support.SupportAccessRequest, io: 'output' },
  SupportAccessRequestList: { schema: support.SupportAccessRequestList, io: 'output' },
  AuditLogPage: { schema: support.AuditLogPage, io: 'output' },
  AuditLogVerification: { schema: support.AuditLogVerification, io: 'output' },
  UsageStatistics: { schema: usage.UsageStatistics, io: 'output' },
  TenantUsage: { schema: usage.TenantUsage, io: 'output' },
  Problem: { schema: Problem, io: 'output' },
};

export const ref = (kind: 'schemas' | 'parameters' | 'responses', name: string) => ({ $ref: `#/components/${kind}/${name}` });

export function schemaRef(schema: z.ZodType): { $ref: string } {
  const name = Object.keys(SCHEMAS).find((n) => SCHEMAS[n]?.schema === schema);
  if (!name) throw new Error('schema used by a route is not registered in the OpenAPI components');
  return ref('schemas', name);
}

const PROBLEM_CONTENT = { 'application/problem+json': { schema: ref('schemas', 'Problem') } };
const problem = (description: string, headers?: JsonSchema) => ({ description, content: PROBLEM_CONTENT, ...(headers ? { headers } : {}) });
export const header = (description: string, type = 'string') => ({ description, schema: { type } });

export const ERROR_RESPONSES = {
  BadRequest: problem('The path, query or body is not valid; `errors` lists each field.'),
  Unauthorized: problem(
    'The access token is missing (`token-required`), invalid or expired (`invalid-token`), or its account is disabled ' +
      '(`account-disabled`); for a support user, the sign-in is not a recent multi-factor one (`step-up-required`).',
    {
      'WWW-Authenticate': header(
        '`Bearer realm="homi"`, with `error="invalid_token"` when a token was sent; with `error="insufficient_user_authentication"`, ' +
          '`acr_values` and `max_age` (RFC 9470) when a step-up is required.',
      ),
    },
  ),
  Forbidden: problem(
    'A member of the tenant without the module level or role this needs (`module-permission-required`, `role-required`), a user who has not ' +
      'accepted the current privacy statement (`privacy-statement-acceptance-required`, with `currentVersion`), or a support user ' +
      'without an active grant (`support-access-grant-required`) or outside its modules and mode (`support-access-out-of-scope`).',
  ),
  UnauthorizedEvenIfDisabled: problem('The access token is missing (`token-required`), invalid or expired (`invalid-token`). A disabled account is admitted here.', {
    'WWW-Authenticate': header('`Bearer realm="homi"`, with `error="invalid_token"` when a token was sent.'),
  }),
  StatementAcceptanceRequired: problem('The current privacy statement is not accepted yet (`privacy-statement-acceptance-required`, with `currentVersion`).'),
  RealmRoleRequired: problem('The token lacks the realm role this needs (`realm-role-required`).'),
  SupportRefused: problem(
    'A support user who is not a member of the tenant the body names: no active grant (`support-access-grant-required`), ' +
      'or a route never open to support (`support-access-out-of-scope`).',
  ),
  NotFound: problem('No such resource, or a tenant the caller is not a member of.'),
  PrivacyRoleRequired: problem('A request about a client, by a member of its institute who is not its owner or admin (`role-required`), or one without the client rights the type needs now (`client-permission-required`).'),
  ClientPermissionRequired: problem('A request about a client, followed by someone who lacks the client rights it needs in its institute now: an owner or admin with clients:view, or clients:edit for erasure and rectification (`client-permission-required`).'),
  ExtensionNotAllowed: problem('Only the controller may extend: the realm role `operator`, or the institute that asked for its client (`extension-not-allowed`).'),
  Conflict: problem('The change conflicts with the current state.'),
  AppointmentConflict: problem(
    'The staff member already has an appointment (not cancelled) overlapping this one (`appointment-overlap`, with `conflictStartsAt` and ' +
      '`conflictEndsAt`), also when two bookings raced for the slot; or the status cannot change so (`invalid-status-transition`, with `currentStatus`). Nothing was changed.',
  ),
  OutsideWorkingHours: problem(
    'The appointment is outside the staff member\'s working hours (`outside-working-hours`); an owner or admin can book it with `overrideWorkingHours: true`. Nothing was changed.',
  ),
  InvoiceConflict: problem(
    'Invoicing is not set up: no FactuurSturen account connected (`invoicing-not-connected`) or client-data sharing off (`client-data-sharing-off`); ' +
      'or the appointment has an invoice already, pending or created (`appointment-already-invoiced`, `invoiceId` names it), also when two requests raced. Nothing was stored.',
  ),
  AppointmentNotInvoiceable: problem(
    'The appointment cannot be invoiced: booked without a treatment from the list, so without a price (`appointment-without-treatment`), or ' +
      'cancelled or a no-show (`appointment-not-invoiceable`, `appointmentStatus` names which). Nothing was stored.',
  ),
  PrivacyRequestNotCompleted: problem('The request is not completed yet; the package does not exist yet.'),
  ExportNotReady: problem('The institute\'s export is still being put together (`export-not-ready`); its status is in the list of exports.'),
  ExportExpired: problem('The package was available for a limited time after completion and has been deleted (`export-expired`).'),
  MailCodeGone: problem(
    'The mailed code was valid once: the invitation expired (`invitation-expired`), was withdrawn (`invitation-revoked`) or declined ' +
      '(`invitation-declined`); or an e-mail confirmation expired (`email-change-expired`). Ask for a new one.',
  ),
  TicketRequired: problem(
    'The request cites no open helpdesk ticket of that institute: `ticketId` left out, unknown, another institute\'s, or closed ' +
      '(`ticket-required`). Nothing was recorded.',
  ),
  PayloadTooLarge: problem('The body is larger than 64 kB.'),
  UnsupportedMediaType: problem('The body is not application/json.'),
  TooManyRequests: problem('Rate limit reached.', {
    'Retry-After': header('Seconds to wait.', 'integer'),
    'RateLimit-Limit': header('Requests per minute.', 'integer'),
    'RateLimit-Remaining': header('Requests left now.', 'integer'),
  }),
  ServiceUnavailable: problem(
    'A service behind the gateway, or the sign-in service, is unavailable; or the action could not be recorded in the tenant\'s ' +
      'audit log (`audit-unavailable`), or its e-mail could not be sent (`mail-unavailable`), and it was therefore not carried out. Retry later.',
  ),
};

export const PATH_PARAMETERS: Record<string, JsonSchema> = {
  tenantId: { name: 'tenantId', in: 'path', required: true, schema: { type: 'string', pattern: prefixedIdPattern('ten') } },
  clientId: { name: 'clientId', in: 'path', required: true, schema: { type: 'string', pattern: prefixedIdPattern('cli') } },
  appointmentId: { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: prefixedIdPattern('apt') } },
  treatmentId: { name: 'treatmentId', in: 'path', required: true, schema: { type: 'string', pattern: prefixedIdPattern('trt') } },
  importId: { name: 'importId', in: 'path', required: true, schema: { type: 'string', pattern: prefixedIdPattern('imp') } },
  privacyRequestId: { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: prefixedIdPattern('dsr') } },
  exportId: { name: 'exportId', in: 'path', required: true, schema: { type: 'string', pattern: prefixedIdPattern('dsr') } },
  invoiceId: { name: 'invoiceId', in: 'path', required: true, schema: { type: 'string', pattern: prefixedIdPattern('inv') } },
  invitationId: { name: 'invitationId', in: 'path', required: true, schema: { type: 'string', pattern: prefixedIdPattern('ivt') } },
  ticketId: { name: 'ticketId', in: 'path', required: true, schema: { type: 'string', pattern: prefixedIdPattern('tkt') } },
  supportRequestId: { name: 'requestId', in: 'path', required: true, schema: { type: 'string', pattern: prefixedIdPattern('sar') } },
  memberUserId: {
    name: 'userId', in: 'path', required: true, description: '`usr_…` or a lower-case UUID (Keycloak).',
    schema: { type: 'string', pattern: USER_ID_PATTERN },
  },
  unsubscribeCode: {
    name: 'code', in: 'path', required: true, description: 'The code from the appointment mail\'s `List-Unsubscribe` URL.',
    schema: { type: 'string', pattern: api.UNSUBSCRIBE_CODE.source },
  },
};
