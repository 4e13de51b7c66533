import { identityApi } from '@homi/contracts';
import { PROBLEM_TYPE_BASE, SERVICE_HEADER, signService } from '@homi/service-kit';
import type { InstituteDirectory } from '../application/ports';

/**
 * An institute's name from identity's internal institute-details route (the one tenant-data reads at
 * sign-up, ADR 12), asked with the helpdesk's service credential. Only identity's own "tenant not
 * found" means unknown; anything else throws, and the caller asks again another time. The answer is
 * personal data: errors name the status only.
 */
export class IdentityInstituteDirectory implements InstituteDirectory {
  constructor(private readonly endpoint: { url: string; secret: string; service: string; timeoutMs?: number }) {}

  async nameOf(tenantId: string): Promise<string | undefined> {
    const { url, secret, service, timeoutMs = 3_000 } = this.endpoint;
    const res = await fetch(url.replace(/\/+$/, '') + identityApi.identityInternalPaths.tenant(tenantId), {
      headers: { accept: 'application/json', [SERVICE_HEADER]: signService(service, secret, 60) },
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
