import { tenantDataApi as api, type Module } from '@homi/contracts';
import type { z } from 'zod';
import { anyMember, needs, type AccessRule } from '../domain/access';
import { auditedClientId, memberUserId, prefixedId, unsubscribeCode } from './path-ids';
import type { ApiRoute, Audience } from './api-route';

const TENANT = '/tenants/:tenantId';
const CLIENT_ID = { clientId: prefixedId('cli', 'Client', 'clientId') };
const APPOINTMENT_ID = { id: prefixedId('apt', 'Appointment', 'appointmentId') };
const TREATMENT_ID = { treatmentId: prefixedId('trt', 'Treatment', 'treatmentId') };
const MEMBER_ID = { userId: memberUserId };
const IMPORT_ID = { importId: prefixedId('imp', 'Import', 'importId') };
/** As tenant-data's own limit (services/tenant-data client-imports-routes). */
const MAX_CLIENT_FILE_BYTES = 20 * 1024 * 1024;
const tenant = (access: AccessRule): Audience => ({ kind: 'tenant', access });
const common = { upstream: 'tenant-data' } as const;

interface Collection {
  path: string;
  /** The item's path segment under `path`, e.g. `:clientId`. */
  item: string;
  ids: ApiRoute['ids'];
  tag: ApiRoute['tag'];
  /** Reading needs its view level, every change its edit level. */
  module: Module;
  /** In descriptions ("The new client") and operation ids (`getClient`; the list's adds an s). */
  noun: string;
  name: string;
  schemas: { one: z.ZodType; page: z.ZodType; query: z.ZodObject; create: z.ZodType; update: z.ZodType };
  summaries: Record<'list' | 'create' | 'get' | 'update' | 'delete', string>;
  pageDescription: string;
}

/** A tenant's collection: list and add under `path`, read, change and delete one under `path/item`. */
function collection(c: Collection): ApiRoute[] {
  const view = tenant(needs(c.module, 'view'));
  const edit = tenant(needs(c.module, 'edit'));
  const item = `${c.path}/${c.item}`;
  const { tag } = c;
  return [
    {
      ...common, operationId: `list${c.name}s`, method: 'get', path: c.path, tag, ids: {},
      summary: c.summaries.list, audience: view, query: c.schemas.query,
      success: { status: 200, description: c.pageDescription, schema: c.schemas.page },
    },
    {
      ...common, operationId: `create${c.name}`, method: 'post', path: c.path, tag, ids: {},
      summary: c.summaries.create, audience: edit, body: c.schemas.create,
      success: { status: 201, description: `The new ${c.noun}; \`Location\` names it.`, schema: c.schemas.one, location: true },
    },
    {
      ...common, operationId: `get${c.name}`, method: 'get', path: item, tag, ids: c.ids,
      summary: c.summaries.get, audience: view,
      success: { status: 200, description: `The ${c.noun}.`, schema: c.schemas.one },
    },
    {
      ...common, operationId: `update${c.name}`, method: 'patch', path: item, tag, ids: c.ids,
      summary: c.summaries.update, audience: edit, body: c.schemas.update,
      success: { status: 200, description: `The changed ${c.noun}.`, schema: c.schemas.one },
    },
    {
      ...common, operationId: `delete${c.name}`, method: 'delete', path: item, tag, ids: c.ids,
      summary: c.summaries.delete, audience: edit,
      success: { status: 204, description: 'Deleted.' },
    },
  ];
}

/**
 * The agenda's routes as the collection makes them, but: reading, booking and changing one answer
 * with its treatment notes, so each is recorded in the institute's audit log (ADR 64); the list says
 * only whether an appointment has notes. Booking and changing can meet another booking or the hours.
 */
function appointmentRoute(route: ApiRoute): ApiRoute {
  const notes = 'The answer holds the treatment notes: the call is recorded in the institute\'s audit log (ids only).';
  switch (route.operationId) {
    case 'getAppointment':
      return { ...route, audit: true, notes };
    case 'createAppointment':
      return { ...route, audit: true, auditIds: (body) => auditedClientId((body as { clientId?: unknown } | undefined)?.clientId), notes, errors: { 409: 'AppointmentConflict', 422: 'OutsideWorkingHours' } };
    case 'updateAppointment':
      return { ...route, audit: true, notes, errors: { 409: 'AppointmentConflict', 422: 'OutsideWorkingHours' } };
    case 'listAppointments':
      return { ...route, notes: 'Each appointment says whether it has treatment notes (`hasNotes`); their text comes with the appointment alone.' };
    default:
      return route;
  }
}

/**
 * A client's alerts and treatment notes: health data (ADR 50). Every call, reads too, is recorded in
 * the institute's audit log before it is forwarded (who read the notes of this client, when), and
 * HOMi support never reaches them, not even under a grant for the clients module.
 */
function healthDataRoutes(): ApiRoute[] {
  const path = `${TENANT}/clients/:clientId`;
  const view = { kind: 'tenant', access: needs('clients', 'view'), support: 'never' } as const;
  const edit = { kind: 'tenant', access: needs('clients', 'edit'), support: 'never' } as const;
  const health = { ...common, tag: 'Clients', ids: CLIENT_ID, audit: true } as const;
  const recorded = 'Health data, encrypted at rest with the institute\'s own key; every call, reading too, is recorded in the institute\'s audit log (ids only).';
  return [
    {
      ...health, operationId: 'getClientAlerts', method: 'get', path: `${path}/alerts`, audience: view, notes: recorded,
      summary: 'A client\'s alerts (allergies, contra-indications)',
      success: { status: 200, description: 'The alerts; none: an empty list.', schema: api.ClientAlerts },
    },
    {
      ...health, operationId: 'putClientAlerts', method: 'put', path: `${path}/alerts`, audience: edit, body: api.ClientAlerts, notes: recorded,
      summary: 'Replace a client\'s alerts',
      success: { status: 200, description: 'The alerts as stored.', schema: api.ClientAlerts },
    },
    {
      ...health, operationId: 'listClientNotes', method: 'get', path: `${path}/notes`, audience: view, notes: recorded,
      summary: 'A client\'s notes: the client form\'s (`general`) and the treatment notes',
      success: { status: 200, description: 'The client form\'s notes, and the treatment notes oldest first.', schema: api.ClientNoteList },
    },
    {
      ...health, operationId: 'addClientNote', method: 'post', path: `${path}/notes`, audience: edit, body: api.CreateClientNote,
      notes: `${recorded} Notes are added, never changed; an \`appointmentId\` must be one of this client's appointments.`,
      summary: 'Add a treatment note',
      success: { status: 201, description: 'The new note.', schema: api.ClientNote },
    },
  ];
}

/** Institute profile, clients and agenda: tenant-data's routes. */
export const TENANT_DATA_ROUTES: readonly ApiRoute[] = [
  {
    ...common, operationId: 'getInstitute', method: 'get', path: TENANT, tag: 'Institute', ids: {},
    summary: 'The institute profile', audience: tenant(anyMember),
    success: { status: 200, description: 'The institute profile.', schema: api.InstituteProfile },
  },
  {
    ...common, operationId: 'updateInstitute', method: 'patch', path: TENANT, tag: 'Institute', ids: {},
    summary: 'Change the institute profile', audience: tenant(needs('settings', 'edit')), body: api.UpdateInstitute,
    success: { status: 200, description: 'The changed profile.', schema: api.InstituteProfile },
  },
  ...collection({
    path: `${TENANT}/clients`, item: ':clientId', ids: CLIENT_ID, tag: 'Clients', module: 'clients', noun: 'client', name: 'Client',
    schemas: { one: api.Client, page: api.ClientPage, query: api.ListClientsQuery, create: api.CreateClient, update: api.UpdateClient },
    summaries: { list: 'List or search the institute\'s clients', create: 'Add a client', get: 'One client', update: 'Change a client', delete: 'Delete a client' },
    pageDescription: 'One page of clients.',
  }).map((route): ApiRoute => (route.operationId === 'getClient'
    ? { ...route, summary: 'One client, with their visit and no-show counts', success: { ...route.success, schema: api.ClientDetail } }
    : route)),
  ...collection({
    path: `${TENANT}/appointments`, item: ':id', ids: APPOINTMENT_ID, tag: 'Appointments', module: 'agenda', noun: 'appointment', name: 'Appointment',
    schemas: { one: api.Appointment, page: api.AppointmentPage, query: api.ListAppointmentsQuery, create: api.CreateAppointment, update: api.UpdateAppointment },
    summaries: { list: 'The agenda', create: 'Book an appointment', get: 'One appointment', update: 'Move or change an appointment', delete: 'Cancel an appointment' },
    pageDescription: 'One page of appointments; client contacts masked without clients:view.',
  }).map(appointmentRoute),
  ...healthDataRoutes(),
  {
    ...common, operationId: 'lookUpReminderUnsubscribe', method: 'post', path: '/reminder-unsubscribe-lookups', tag: 'Clients', ids: {},
    summary: 'Whose unsubscribe link this is', audience: { kind: 'public', limit: 'address' }, body: api.ReminderUnsubscribeToken,
    notes: 'For the page an appointment mail\'s unsubscribe link opens (`/afmelden#token=…`); the code travels in the body (only the one-click URL below holds it, as RFC 8058 requires). '
      + 'Changes nothing, so a mail scanner that follows links withdraws nothing. 404 `unsubscribe-link-invalid` for a code this '
      + 'platform did not make or a client erased since.',
    success: { status: 200, description: 'The institute\'s name and whether the client still receives appointment mails.', schema: api.ReminderSubscription },
  },
  {
    ...common, operationId: 'unsubscribeFromReminders', method: 'post', path: '/reminder-unsubscribes', tag: 'Clients', ids: {},
    summary: 'Stop appointment mails (withdraw the consent)', audience: { kind: 'public', limit: 'address' }, body: api.ReminderUnsubscribeToken,
    notes: 'No account needed: the code from the mail proves the client. The withdrawal is recorded with its time on the client card; '
      + 'confirmations and reminders already queued are not sent. Again: no change. 404 as for looking it up.',
    success: { status: 204, description: 'Withdrawn.' },
  },
  {
    ...common, operationId: 'oneClickUnsubscribeFromReminders', method: 'post', path: '/reminder-unsubscribes/:code', tag: 'Clients',
    ids: { code: unsubscribeCode },
    summary: 'Stop appointment mails with the mailbox\'s own button (RFC 8058 one-click)', audience: { kind: 'public', limit: 'address' },
    body: api.ReminderOneClickUnsubscribe, formBody: true,
    notes: 'The URL of an appointment mail\'s `List-Unsubscribe` header (with `List-Unsubscribe-Post: List-Unsubscribe=One-Click`): '
      + 'the mailbox provider posts `List-Unsubscribe=One-Click` form-encoded to it when the recipient presses its unsubscribe button. '
      + 'The code is in the path, as the RFC requires; the access log shows the path\'s shape only. A GET of the URL (a mail client '
      + 'that opens it in a browser) changes nothing and is sent on (303) to the web application\'s unsubscribe page. '
      + 'Withdraws as `unsubscribeFromReminders` does; 404 for a code of the wrong shape, one this platform did not make, or a client erased since.',
    success: { status: 204, description: 'Withdrawn.' },
  },
  {
    ...common, operationId: 'importClients', method: 'post', path: `${TENANT}/client-imports`, tag: 'Clients', ids: {},
    summary: 'Import a client file, or try it first', audience: tenant(needs('clients', 'edit')), query: api.ClientImportQuery, audit: true,
    upload: {
      mediaType: 'text/csv', maxBytes: MAX_CLIENT_FILE_BYTES,
      description: 'The client file as salon systems export it, UTF-8 (with or without BOM), `;` or `,` separated, at most 20 MB. '
        + 'Header names in Dutch or English: Naam or Voornaam/Tussenvoegsel/Achternaam (required), E-mail, Telefoon, Geboortedatum '
        + '(dd-mm-jjjj or yyyy-mm-dd), Adres or Straat/Huisnummer, Postcode, Plaats, Land, Notities.',
    },
    timeoutMs: 120_000,
    notes: 'Every bad row is reported with its row number (the header is row 1) and reason codes, never its values. A row the '
      + 'institute already holds (imported before, or a client with its e-mail address) is counted as already present: the same '
      + 'file twice creates nothing the second time. A file that is no CSV, empty or without a name column is refused whole: 400 '
      + '`not-csv`, `empty-file` or `missing-columns`, nothing imported. `dryRun=true` reports only (200, not stored).',
    success: { status: 201, description: 'The import\'s report; `Location` names it. A dry run answers 200 with `id: null`.', schema: api.ClientImportReport, location: true },
  },
  {
    ...common, operationId: 'getClientImport', method: 'get', path: `${TENANT}/client-imports/:importId`, tag: 'Clients', ids: IMPORT_ID,
    summary: 'The report of a client file import', audience: tenant(needs('clients', 'view')),
    success: { status: 200, description: 'Counts and the bad rows with their reasons.', schema: api.ClientImportReport },
  },
  {
    ...common, operationId: 'listTreatments', method: 'get', path: `${TENANT}/treatments`, tag: 'Treatments', ids: {},
    summary: 'The institute\'s treatments', audience: tenant(needs('agenda', 'view')),
    success: { status: 200, description: 'All treatments by name, deactivated ones too (`active: false`).', schema: api.TreatmentList },
  },
  {
    ...common, operationId: 'createTreatment', method: 'post', path: `${TENANT}/treatments`, tag: 'Treatments', ids: {},
    summary: 'Add a treatment', audience: tenant(needs('settings', 'edit')), body: api.CreateTreatment,
    success: { status: 201, description: 'The new treatment; `Location` names it.', schema: api.Treatment, location: true },
  },
  {
    ...common, operationId: 'updateTreatment', method: 'patch', path: `${TENANT}/treatments/:treatmentId`, tag: 'Treatments', ids: TREATMENT_ID,
    summary: 'Change or reactivate a treatment', audience: tenant(needs('settings', 'edit')), body: api.UpdateTreatment,
    notes: 'Appointments already booked keep their times.',
    success: { status: 200, description: 'The changed treatment.', schema: api.Treatment },
  },
  {
    ...common, operationId: 'deactivateTreatment', method: 'delete', path: `${TENANT}/treatments/:treatmentId`, tag: 'Treatments', ids: TREATMENT_ID,
    summary: 'Deactivate a treatment', audience: tenant(needs('settings', 'edit')),
    notes: 'It can no longer be booked; appointments keep referring to it. PATCH `active: true` brings it back.',
    success: { status: 204, description: 'Deactivated.' },
  },
  {
    ...common, operationId: 'getWorkingHours', method: 'get', path: `${TENANT}/members/:userId/working-hours`, tag: 'Appointments', ids: MEMBER_ID,
    summary: 'A colleague\'s working hours', audience: tenant(needs('agenda', 'view')),
    success: { status: 200, description: 'Periods per weekday (1 Monday … 7 Sunday) in Europe/Amsterdam time; none: not limited.', schema: api.WorkingHours },
  },
  {
    ...common, operationId: 'putWorkingHours', method: 'put', path: `${TENANT}/members/:userId/working-hours`, tag: 'Appointments', ids: MEMBER_ID,
    summary: 'Set a colleague\'s working hours', audience: tenant(needs('settings', 'edit')), body: api.WorkingHours,
    success: { status: 200, description: 'The working hours as stored.', schema: api.WorkingHours },
  },
];
