import type { z } from 'zod';
import { tenantDataApi } from '@homi/contracts';
import { AppError, PROBLEM_TYPE_BASE, serviceCallHeaders, type ServiceKeys } from '@homi/service-kit';
import type { AppointmentDirectory, ClientDirectory } from '../application/ports';

export interface TenantDataEndpoint {
  /** tenant-data's internal base URL (TENANT_DATA_URL). */
  url: string;
  /** This service's keys: it signs each call for tenant-data and the one request (ADR 38); tenant-data serves the route to it only. */
  keys: Pick<ServiceKeys, 'service' | 'signing'>;
  timeoutMs?: number;
}

/**
 * GET one record from tenant-data's internal routes. Only tenant-data's own "not found" (`goneType`)
 * means undefined; any other failure is thrown to be retried (`unavailable` with `unavailableType`
 * for an outage). Errors name statuses only, never what tenant-data answered: that is personal data.
 */
async function fetchInternal<S extends z.ZodType>(
  endpoint: TenantDataEndpoint,
  path: string,
  expect: { schema: S; id: string; what: string; goneType: string; unavailableType: string },
): Promise<z.output<S> | undefined> {
  const { url, keys, timeoutMs = 5_000 } = endpoint;
  let res: Response;
  let body: unknown;
  try {
    const target = url.replace(/\/+$/, '') + path;
    res = await fetch(target, {
      headers: { accept: 'application/json', ...serviceCallHeaders(keys, 'tenant-data', 'GET', target) },
      signal: AbortSignal.timeout(timeoutMs),
    });
    body = await res.json().catch(() => undefined);
  } catch (err) {
    throw new AppError('unavailable', `tenant-data did not answer: ${err instanceof Error ? err.message : String(err)}`, { type: expect.unavailableType, cause: err });
  }
  const type = typeof body === 'object' && body !== null ? (body as { type?: unknown }).type : undefined;
  if (res.status === 404 && type === PROBLEM_TYPE_BASE + expect.goneType) return undefined;
  if (res.status >= 500 || res.status === 429) throw new AppError('unavailable', `tenant-data answered HTTP ${res.status}`, { type: expect.unavailableType });
  if (!res.ok) throw new Error(`tenant-data refused the ${expect.what}: HTTP ${res.status}`);
  const parsed = expect.schema.safeParse(body);
  if (!parsed.success || (parsed.data as { id?: unknown }).id !== expect.id) throw new Error(`tenant-data answered ${expect.what} of an unexpected shape`);
  return parsed.data;
}

/** A client's invoiceable details from tenant-data's internal route. */
export class TenantDataClients implements ClientDirectory {
  constructor(private readonly endpoint: TenantDataEndpoint) {}

  get(tenantId: string, clientId: string): Promise<tenantDataApi.InvoiceableClient | undefined> {
    return fetchInternal(this.endpoint, tenantDataApi.tenantDataInternalPaths.client(tenantId, clientId), {
      schema: tenantDataApi.InvoiceableClient, id: clientId, what: 'client details', goneType: tenantDataApi.CLIENT_NOT_FOUND_PROBLEM, unavailableType: 'client-directory-unavailable',
    });
  }
}

/** An appointment to invoice, with its client id and treatment, from tenant-data's internal route (ADR 55). */
export class TenantDataAppointments implements AppointmentDirectory {
  constructor(private readonly endpoint: TenantDataEndpoint) {}

  get(tenantId: string, appointmentId: string): Promise<tenantDataApi.InvoiceableAppointment | undefined> {
    return fetchInternal(this.endpoint, tenantDataApi.tenantDataInternalPaths.appointment(tenantId, appointmentId), {
      schema: tenantDataApi.InvoiceableAppointment, id: appointmentId, what: 'appointment', goneType: tenantDataApi.APPOINTMENT_NOT_FOUND_PROBLEM,
      unavailableType: 'appointment-directory-unavailable',
    });
  }
}
