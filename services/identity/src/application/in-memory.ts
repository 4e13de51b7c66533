import { inMemoryUnitOfWork } from '@homi/service-kit';
import type { Membership } from '../domain/membership';
import type { Tenant } from '../domain/tenant';
import type { Deps } from './deps';
import type { Memberships, Repositories, Tenants } from './ports';

// In-memory adapters of application/ports.ts for the use cases' unit tests: the same contract as the
// MikroORM repositories (each method for one tenant takes the tenant), kept in maps, no database.

export class InMemoryMemberships implements Memberships {
  readonly rows: Membership[] = [];
  /** Users' name and address by id, as the users table holds them. */
  readonly users = new Map<string, { email: string; name: string }>();
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

/** The converted use cases' dependencies over in-memory repositories. */
export function inMemoryDeps(): Pick<Deps, 'uow'> & { repositories: Repositories & { memberships: InMemoryMemberships; tenants: InMemoryTenants } } {
  const repositories = { memberships: new InMemoryMemberships(), tenants: new InMemoryTenants() };
  return { uow: inMemoryUnitOfWork(repositories), repositories };
}
