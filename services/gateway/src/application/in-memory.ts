import { membershipKey, type CurrentStatement, type Membership, type SupportAccessRefused, type SupportGrant, type TenantActionPerformed, type UserAccess } from '@homi/contracts';
import type { AuditTrail, MembershipStore, RefusalTrail, SupportGrantStore, UserAccessStore } from './ports';

// The ports' in-memory adapters, for unit tests and local experiments: what a use case or the HTTP
// app is tested against, with no NATS behind it.

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

/** A UserAccessStore for unit tests and local experiments. */
export class InMemoryUserAccessStore implements UserAccessStore {
  private readonly users = new Map<string, UserAccess>();
  private statement?: CurrentStatement;

  put(access: UserAccess): void {
    this.users.set(access.userId, access);
  }

  has(userId: string): boolean {
    return this.users.has(userId);
  }

  remove(userId: string): void {
    this.users.delete(userId);
  }

  publish(statement: CurrentStatement | undefined): void {
    this.statement = statement;
  }

  async get(userId: string): Promise<UserAccess | undefined> {
    return this.users.get(userId);
  }

  async currentStatement(): Promise<CurrentStatement | undefined> {
    return this.statement;
  }
}

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

/** An event trail for unit tests: keeps what it was given, or fails every call while `failing`. */
class InMemoryTrail<E> {
  readonly events: E[] = [];
  failing = false;

  async record(event: E): Promise<void> {
    if (this.failing) throw new Error('audit trail unavailable');
    this.events.push(event);
  }
}

/** An AuditTrail for unit tests. */
export class InMemoryAuditTrail extends InMemoryTrail<TenantActionPerformed> implements AuditTrail {}

/** A RefusalTrail for unit tests. */
export class InMemoryRefusalTrail extends InMemoryTrail<SupportAccessRefused> implements RefusalTrail {}
