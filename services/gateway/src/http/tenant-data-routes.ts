import { tenantDataApi as api } from '@homi/contracts';
import { anyMember, needs, type AccessRule } from '../domain/access';
import { prefixedId } from './path-ids';
import type { ApiRoute, Audience } from './api-route';

const TENANT = '/tenants/:tenantId';
const CLIENT_ID = { clientId: prefixedId('cli', 'Client', 'clientId') };
const APPOINTMENT_ID = { id: prefixedId('apt', 'Appointment', 'appointmentId') };
const tenant = (access: AccessRule): Audience => ({ kind: 'tenant', access });
const common = { upstream: 'tenant-data' } as const;

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
  {
    ...common, operationId: 'listClients', method: 'get', path: `${TENANT}/clients`, tag: 'Clients', ids: {},
    summary: 'List or search the institute\'s clients', audience: tenant(needs('clients', 'view')), query: api.ListClientsQuery,
    success: { status: 200, description: 'One page of clients.', schema: api.ClientPage },
  },
  {
    ...common, operationId: 'createClient', method: 'post', path: `${TENANT}/clients`, tag: 'Clients', ids: {},
    summary: 'Add a client', audience: tenant(needs('clients', 'edit')), body: api.CreateClient,
    success: { status: 201, description: 'The new client; `Location` names it.', schema: api.Client, location: true },
  },
  {
    ...common, operationId: 'getClient', method: 'get', path: `${TENANT}/clients/:clientId`, tag: 'Clients', ids: CLIENT_ID,
    summary: 'One client', audience: tenant(needs('clients', 'view')),
    success: { status: 200, description: 'The client.', schema: api.Client },
  },
  {
    ...common, operationId: 'updateClient', method: 'patch', path: `${TENANT}/clients/:clientId`, tag: 'Clients', ids: CLIENT_ID,
    summary: 'Change a client', audience: tenant(needs('clients', 'edit')), body: api.UpdateClient,
    success: { status: 200, description: 'The changed client.', schema: api.Client },
  },
  {
    ...common, operationId: 'deleteClient', method: 'delete', path: `${TENANT}/clients/:clientId`, tag: 'Clients', ids: CLIENT_ID,
    summary: 'Delete a client', audience: tenant(needs('clients', 'edit')),
    success: { status: 204, description: 'Deleted.' },
  },
  {
    ...common, operationId: 'listAppointments', method: 'get', path: `${TENANT}/appointments`, tag: 'Appointments', ids: {},
    summary: 'The agenda', audience: tenant(needs('agenda', 'view')), query: api.ListAppointmentsQuery,
    success: { status: 200, description: 'One page of appointments; client contacts masked without clients:view.', schema: api.AppointmentPage },
  },
  {
    ...common, operationId: 'createAppointment', method: 'post', path: `${TENANT}/appointments`, tag: 'Appointments', ids: {},
    summary: 'Book an appointment', audience: tenant(needs('agenda', 'edit')), body: api.CreateAppointment,
    success: { status: 201, description: 'The new appointment; `Location` names it.', schema: api.Appointment, location: true },
  },
  {
    ...common, operationId: 'getAppointment', method: 'get', path: `${TENANT}/appointments/:id`, tag: 'Appointments', ids: APPOINTMENT_ID,
    summary: 'One appointment', audience: tenant(needs('agenda', 'view')),
    success: { status: 200, description: 'The appointment.', schema: api.Appointment },
  },
  {
    ...common, operationId: 'updateAppointment', method: 'patch', path: `${TENANT}/appointments/:id`, tag: 'Appointments', ids: APPOINTMENT_ID,
    summary: 'Move or change an appointment', audience: tenant(needs('agenda', 'edit')), body: api.UpdateAppointment,
    success: { status: 200, description: 'The changed appointment.', schema: api.Appointment },
  },
  {
    ...common, operationId: 'deleteAppointment', method: 'delete', path: `${TENANT}/appointments/:id`, tag: 'Appointments', ids: APPOINTMENT_ID,
    summary: 'Cancel an appointment', audience: tenant(needs('agenda', 'edit')),
    success: { status: 204, description: 'Deleted.' },
  },
];
