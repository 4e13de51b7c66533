import type { SupportGrant } from '@homi/contracts';
import type { SupportGrantStore } from '../application/ports';

/** A SupportGrantStore for unit tests and local experiments. */
export class InMemorySupportGrantStore implements SupportGrantStore {
  private readonly grants = new Map<string, SupportGrant>();

  put(grant: SupportGrant): void {
    this.grants.set(grant.requestId, grant);
  }

  remove(requestId: string): void {
    this.grants.delete(requestId);
  }

  forget(requestId: string): void {
    this.grants.delete(requestId);
  }

  async grantsFor(supportUserId: string, tenantId: string): Promise<SupportGrant[]> {
    return [...this.grants.values()].filter((g) => g.supportUserId === supportUserId && g.tenantId === tenantId);
  }
}
