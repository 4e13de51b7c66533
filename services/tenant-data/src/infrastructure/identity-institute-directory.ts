import { identityApi } from '@homi/contracts';
import { AppError, PROBLEM_TYPE_BASE, serviceCallHeaders, type ServiceKeys } from '@homi/service-kit';
import type { InstituteDirectory } from '../application/ports';

export interface IdentityEndpoint {
  /** identity's internal base URL (IDENTITY_URL). */
  url: string;
  /** This service's keys: it signs each call for identity and the one request (ADR 38); identity serves the route to tenant-data only. */
  keys: Pick<ServiceKeys, 'service' | 'signing'>;
  timeoutMs?: number;
}

const TENANT_GONE = PROBLEM_TYPE_BASE + identityApi.TENANT_NOT_FOUND_PROBLEM;

const isProblemOfType = (body: unknown, type: string) =>
  typeof body === 'object' && body !== null && (body as { type?: unknown }).type === type;

/**
 * The institute details from identity's internal route, asked with a service credential. Only
 * identity's own "tenant not found" means gone: any other 404 (a wrong IDENTITY_URL, an identity
 * without the route) is a failure to retry, or every new institute would silently lack a profile.
 * Errors name statuses only, never what identity answered: the answer is personal data.
 */
export class IdentityInstituteDirectory implements InstituteDirectory {
  constructor(private readonly endpoint: IdentityEndpoint) {}

  async details(tenantId: string): Promise<identityApi.InstituteDetails | undefined> {
    const { url, keys, timeoutMs = 5_000 } = this.endpoint;
    let res: Response;
    let body: unknown;
    try {
      const target = url.replace(/\/+$/, '') + identityApi.identityInternalPaths.tenant(tenantId);
      res = await fetch(target, {
        headers: { accept: 'application/json', ...serviceCallHeaders(keys, 'identity', 'GET', target) },
        signal: AbortSignal.timeout(timeoutMs),
      });
      body = await res.json().catch(() => undefined);
    } catch (err) {
      throw new AppError('unavailable', `identity did not answer: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    if (res.status === 404 && isProblemOfType(body, TENANT_GONE)) return undefined;
    if (res.status >= 500 || res.status === 429) throw new AppError('unavailable', `identity answered HTTP ${res.status}`);
    if (!res.ok) throw new Error(`identity refused the institute details: HTTP ${res.status}`);
    const details = identityApi.InstituteDetails.safeParse(body);
    if (!details.success || details.data.tenantId !== tenantId) throw new Error('identity answered institute details of an unexpected shape');
    return details.data;
  }
}
