import { identityApi } from '@homi/contracts';
import { PROBLEM_TYPE_BASE, serviceCallHeaders, type ServiceKeys } from '@homi/service-kit';
import type { InstituteDirectory } from '../application/ports';

/**
 * An institute's name from identity's internal institute-details route (the one tenant-data reads at
 * sign-up, ADR 12), asked with the helpdesk's service credential. Only identity's own "tenant not
 * found" means unknown; anything else throws, and the caller asks again another time. The answer is
 * personal data: errors name the status only.
 */
export class IdentityInstituteDirectory implements InstituteDirectory {
  constructor(private readonly endpoint: { url: string; keys: Pick<ServiceKeys, 'service' | 'signing'>; timeoutMs?: number }) {}

  async nameOf(tenantId: string): Promise<string | undefined> {
    const { url, keys, timeoutMs = 3_000 } = this.endpoint;
    const target = url.replace(/\/+$/, '') + identityApi.identityInternalPaths.tenant(tenantId);
    const res = await fetch(target, {
      headers: { accept: 'application/json', ...serviceCallHeaders(keys, 'identity', 'GET', target) },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body: unknown = await res.json().catch(() => undefined);
    if (res.status === 404 && (body as { type?: unknown } | undefined)?.type === PROBLEM_TYPE_BASE + identityApi.TENANT_NOT_FOUND_PROBLEM) return undefined;
    if (!res.ok) throw new Error(`identity did not give the institute's name: HTTP ${res.status}`);
    const details = identityApi.InstituteDetails.safeParse(body);
    if (!details.success || details.data.tenantId !== tenantId) throw new Error('identity answered institute details of an unexpected shape');
    return details.data.name;
  }
}
