import { inMemoryUnitOfWork, recordedEvents } from '@homi/service-kit';
import type { AuditRecord } from '../domain/audit-entry';
import type { Invitation } from '../domain/invitation';
import type { Membership } from '../domain/membership';
import type { Tenant } from '../domain/tenant';
import type { Deps } from './deps';
import type { Invitations, Memberships, Repositories, Tenants } from './ports';

// In-memory adapters of application/ports.ts for the use cases' unit tests: the same contract as the
// MikroORM repositories (each method for one tenant takes the tenant), kept in maps, no database.

export class InMemoryMemberships implements Memberships {
  rows: Membership[] = [];
  /** Users' name and address by id, as the users table holds them. */
  readonly users = new Map<string, { email: string; name: string }>();
  async get(tenantId: string, userId: string) {
    return this.rows.find((m) => m.tenantId === tenantId && m.userId === userId) ?? null;
  }
  remove(membership: Membership) {
    this.rows = this.rows.filter((m) => m !== membership);
  }
  async row(membership: Membership) {
    return { membership, email: this.users.get(membership.userId)?.email ?? '', name: this.users.get(membership.userId)?.name ?? '' };
  }
  async lockOwners(tenantId: string) {
    return this.rows.filter((m) => m.tenantId === tenantId && m.role === 'owner').length;
  }
  async list(tenantId: string) {
    return this.rows
      .filter((m) => m.tenantId === tenantId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
      .map((membership) => ({ membership, email: this.users.get(membership.userId)?.email ?? '', name: this.users.get(membership.userId)?.name ?? '' }));
  }
}

export class InMemoryTenants implements Tenants {
  readonly rows = new Map<string, Tenant>();
  async get(id: string) {
    return this.rows.get(id) ?? null;
  }
}

export class InMemoryInvitations implements Invitations {
  readonly rows = new Map<string, Invitation>();
  async get(tenantId: string, id: string) {
    const invitation = this.rows.get(id);
    return invitation && invitation.tenantId === tenantId ? invitation : null;
  }
  async listPending(tenantId: string, now: Date) {
    return [...this.rows.values()]
      .filter((i) => i.tenantId === tenantId && i.status === 'pending' && i.expiresAt.getTime() > now.getTime())
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  }
  async save() {}
}

/** The converted use cases' dependencies over in-memory repositories; `published` and `audited` record what they wrote. */
export function inMemoryDeps(now = new Date('2026-06-01T12:00:00Z')) {
  const { events, published } = recordedEvents();
  const audited: AuditRecord[] = [];
  const repositories = {
    memberships: new InMemoryMemberships(),
    tenants: new InMemoryTenants(),
    invitations: new InMemoryInvitations(),
    events,
    audit: { append: async (record: AuditRecord) => void audited.push(record) },
  } satisfies Repositories;
  const deps: Pick<Deps, 'uow' | 'clock'> = { uow: inMemoryUnitOfWork(repositories), clock: () => now };
  return { ...deps, repositories, published, audited };
}
