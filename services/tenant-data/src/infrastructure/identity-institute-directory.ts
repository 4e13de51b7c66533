import { identityApi } from '@homi/contracts';
import { AppError, callService, PROBLEM_TYPE_BASE, type ServiceKeys } from '@homi/service-kit';
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
 * The institute details from identity's internal route, asked with a service credential, and the
 * institute's name told back after its profile changed (ADR 74). Only
 * identity's own "tenant not found" means gone: any other 404 (a wrong IDENTITY_URL, an identity
 * without the route) is a failure to retry, or every new institute would silently lack a profile.
 * Errors name statuses only, never what identity answered: the answer is personal data.
 */
export class IdentityInstituteDirectory implements InstituteDirectory {
  constructor(private readonly endpoint: IdentityEndpoint) {}

  async details(tenantId: string): Promise<identityApi.InstituteDetails | undefined> {
    const answer = await this.call('GET', identityApi.identityInternalPaths.tenant(tenantId));
    if (answer === 'gone') return undefined;
    const { res, body } = answer;
    if (!res.ok) throw new Error(`identity refused the institute details: HTTP ${res.status}`);
    const details = identityApi.InstituteDetails.safeParse(body);
    if (!details.success || details.data.tenantId !== tenantId) throw new Error('identity answered institute details of an unexpected shape');
    return details.data;
  }

  async shareName(tenantId: string, name: string): Promise<boolean> {
    const answer = await this.call('PUT', identityApi.identityInternalPaths.tenantName(tenantId), { name } satisfies identityApi.InstituteName);
    if (answer === 'gone') return false;
    if (answer.res.status !== 204) throw new Error(`identity refused the institute's name: HTTP ${answer.res.status}`);
    return true;
  }

  /**
   * One signed call to identity's internal route (service-kit's callService): 'gone' for identity's
   * own "tenant not found", an `unavailable` error for no answer, a 5xx or a 429 (the caller
   * retries), else the answer.
   */
  private async call(method: 'GET' | 'PUT', path: string, json?: unknown): Promise<'gone' | { res: { status: number; ok: boolean }; body: unknown }> {
    let answer: Awaited<ReturnType<typeof callService>>;
    try {
      answer = await callService({ ...this.endpoint, timeoutMs: this.endpoint.timeoutMs ?? 5_000 }, 'identity', method, path, json);
    } catch (err) {
      throw new AppError('unavailable', `identity did not answer: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    if (answer.status === 404 && isProblemOfType(answer.body, TENANT_GONE)) return 'gone';
    if (answer.status >= 500 || answer.status === 429) throw new AppError('unavailable', `identity answered HTTP ${answer.status}`);
    return { res: answer, body: answer.body };
  }
}
