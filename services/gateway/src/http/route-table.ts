import type { z } from 'zod';
import { tenantDataApi as api } from '@homi/contracts';
import { anyMember, needs, type AccessRule } from '../domain/access';

export const API_PREFIX = '/api/v1';

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

/** A route the gateway authorises and forwards to tenant-data; also what the OpenAPI document says of it. */
export interface TenantRoute {
  operationId: string;
  method: HttpMethod;
  /** express pattern under /api/v1; every route starts with /tenants/:tenantId. */
  path: string;
  tag: 'Institute' | 'Clients' | 'Appointments';
  summary: string;
  access: AccessRule;
  /** Path ids besides tenantId: parameter name → id prefix and what it names. */
  ids: Record<string, { prefix: string; label: string }>;
  query?: z.ZodObject;
  body?: z.ZodType;
  success: { status: 200 | 201 | 204; description: string; schema?: z.ZodType };
}

const TENANT = '/tenants/:tenantId';
const CLIENT_ID = { clientId: { prefix: 'cli', label: 'Client' } };
const APPOINTMENT_ID = { id: { prefix: 'apt', label: 'Appointment' } };

export const TENANT_ROUTES: readonly TenantRoute[] = [
  {
    operationId: 'getInstitute', method: 'get', path: TENANT, tag: 'Institute', ids: {},
    summary: 'The institute profile', access: anyMember,
    success: { status: 200, description: 'The institute profile.', schema: api.InstituteProfile },
  },
  {
    operationId: 'updateInstitute', method: 'patch', path: TENANT, tag: 'Institute', ids: {},
    summary: 'Change the institute profile', access: needs('settings', 'edit'), body: api.UpdateInstitute,
    success: { status: 200, description: 'The changed profile.', schema: api.InstituteProfile },
  },
  {
    operationId: 'listClients', method: 'get', path: `${TENANT}/clients`, tag: 'Clients', ids: {},
    summary: 'List or search the institute\'s clients', access: needs('clients', 'view'), query: api.ListClientsQuery,
    success: { status: 200, description: 'One page of clients.', schema: api.ClientPage },
  },
  {
    operationId: 'createClient', method: 'post', path: `${TENANT}/clients`, tag: 'Clients', ids: {},
    summary: 'Add a client', access: needs('clients', 'edit'), body: api.CreateClient,
    success: { status: 201, description: 'The new client; `Location` names it.', schema: api.Client },
  },
  {
    operationId: 'getClient', method: 'get', path: `${TENANT}/clients/:clientId`, tag: 'Clients', ids: CLIENT_ID,
    summary: 'One client', access: needs('clients', 'view'),
    success: { status: 200, description: 'The client.', schema: api.Client },
  },
  {
    operationId: 'updateClient', method: 'patch', path: `${TENANT}/clients/:clientId`, tag: 'Clients', ids: CLIENT_ID,
    summary: 'Change a client', access: needs('clients', 'edit'), body: api.UpdateClient,
    success: { status: 200, description: 'The changed client.', schema: api.Client },
  },
  {
    operationId: 'deleteClient', method: 'delete', path: `${TENANT}/clients/:clientId`, tag: 'Clients', ids: CLIENT_ID,
    summary: 'Delete a client', access: needs('clients', 'edit'),
    success: { status: 204, description: 'Deleted.' },
  },
  {
    operationId: 'listAppointments', method: 'get', path: `${TENANT}/appointments`, tag: 'Appointments', ids: {},
    summary: 'The agenda', access: needs('agenda', 'view'), query: api.ListAppointmentsQuery,
    success: { status: 200, description: 'One page of appointments; client contacts masked without clients:view.', schema: api.AppointmentPage },
  },
  {
    operationId: 'createAppointment', method: 'post', path: `${TENANT}/appointments`, tag: 'Appointments', ids: {},
    summary: 'Book an appointment', access: needs('agenda', 'edit'), body: api.CreateAppointment,
    success: { status: 201, description: 'The new appointment; `Location` names it.', schema: api.Appointment },
  },
  {
    operationId: 'getAppointment', method: 'get', path: `${TENANT}/appointments/:id`, tag: 'Appointments', ids: APPOINTMENT_ID,
    summary: 'One appointment', access: needs('agenda', 'view'),
    success: { status: 200, description: 'The appointment.', schema: api.Appointment },
  },
  {
    operationId: 'updateAppointment', method: 'patch', path: `${TENANT}/appointments/:id`, tag: 'Appointments', ids: APPOINTMENT_ID,
    summary: 'Move or change an appointment', access: needs('agenda', 'edit'), body: api.UpdateAppointment,
    success: { status: 200, description: 'The changed appointment.', schema: api.Appointment },
  },
  {
    operationId: 'deleteAppointment', method: 'delete', path: `${TENANT}/appointments/:id`, tag: 'Appointments', ids: APPOINTMENT_ID,
    summary: 'Cancel an appointment', access: needs('agenda', 'edit'),
    success: { status: 204, description: 'Deleted.' },
  },
];
