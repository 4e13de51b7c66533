import type { identityApi } from '@homi/contracts';

/** Where the details of a new institute come from: identity, which took them at sign-up (ADR 12). */
export interface InstituteDirectory {
  /**
   * The details identity holds for the tenant, or undefined when identity does not know it (the
   * tenant was erased meanwhile). Throws when identity cannot answer now, so the caller retries.
   */
  details(tenantId: string): Promise<identityApi.InstituteDetails | undefined>;
}
