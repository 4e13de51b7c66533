import { membershipKey, type Membership } from '@homi/contracts';
import type { MembershipStore } from '../application/ports';

/** A MembershipStore for unit tests and local experiments. */
export class InMemoryMembershipStore implements MembershipStore {
  private readonly entries = new Map<string, Membership>();

  constructor(initial: Membership[] = []) {
    for (const m of initial) this.put(m);
  }

  put(membership: Membership): void {
    this.entries.set(membershipKey(membership.userId, membership.tenantId), membership);
  }

  remove(userId: string, tenantId: string): void {
    this.entries.delete(membershipKey(userId, tenantId));
  }

  async get(userId: string, tenantId: string): Promise<Membership | undefined> {
    return this.entries.get(membershipKey(userId, tenantId));
  }

  async ofUser(userId: string): Promise<Membership[]> {
    return [...this.entries.values()].filter((m) => m.userId === userId);
  }
}
