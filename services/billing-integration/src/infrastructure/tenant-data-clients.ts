import { tenantDataApi } from '@homi/contracts';
import { AppError, PROBLEM_TYPE_BASE, serviceCallHeaders, type ServiceKeys } from '@homi/service-kit';
import type { ClientDirectory } from '../application/ports';

export interface TenantDataEndpoint {
  /** tenant-data's internal base URL (TENANT_DATA_URL). */
  url: string;
  /** This service's keys: it signs each call for tenant-data and the one request (ADR 38); tenant-data serves the route to it only. */
  keys: Pick<ServiceKeys, 'service' | 'signing'>;
  timeoutMs?: number;
}

const CLIENT_GONE = PROBLEM_TYPE_BASE + tenantDataApi.CLIENT_NOT_FOUND_PROBLEM;

/**
 * A client's invoiceable details from tenant-data's internal route. Only tenant-data's own "client
 * not found" means gone; any other failure is thrown to be retried. Errors name statuses only,
 * never what tenant-data answered: that is personal data.
 */
export class TenantDataClients implements ClientDirectory {
  constructor(private readonly endpoint: TenantDataEndpoint) {}

  async get(tenantId: string, clientId: string): Promise<tenantDataApi.InvoiceableClient | undefined> {
    const { url, keys, timeoutMs = 5_000 } = this.endpoint;
    let res: Response;
    let body: unknown;
    try {
      const target = url.replace(/\/+$/, '') + tenantDataApi.tenantDataInternalPaths.client(tenantId, clientId);
      res = await fetch(target, {
        headers: { accept: 'application/json', ...serviceCallHeaders(keys, 'tenant-data', 'GET', target) },
        signal: AbortSignal.timeout(timeoutMs),
      });
      body = await res.json().catch(() => undefined);
    } catch (err) {
      throw new AppError('unavailable', `tenant-data did not answer: ${err instanceof Error ? err.message : String(err)}`, { type: 'client-directory-unavailable', cause: err });
    }
    const type = typeof body === 'object' && body !== null ? (body as { type?: unknown }).type : undefined;
    if (res.status === 404 && type === CLIENT_GONE) return undefined;
    if (res.status >= 500 || res.status === 429) throw new AppError('unavailable', `tenant-data answered HTTP ${res.status}`, { type: 'client-directory-unavailable' });
    if (!res.ok) throw new Error(`tenant-data refused the client details: HTTP ${res.status}`);
    const client = tenantDataApi.InvoiceableClient.safeParse(body);
    if (!client.success || client.data.id !== clientId) throw new Error('tenant-data answered client details of an unexpected shape');
    return client.data;
  }
}
