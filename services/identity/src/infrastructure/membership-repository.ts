import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { Membership } from '../domain/membership';
import type { MemberRow, Memberships, MembershipWithTenant } from '../application/ports';
import { ACROSS_TENANTS } from './across-tenants';

/** Memberships. Methods for one tenant take the tenantId; those across tenants say so in their name. */
export class MembershipRepository implements Memberships {
  constructor(private readonly em: EntityManager) {}

  get(tenantId: string, userId: string): Promise<Membership | null> {
    return this.em.findOne(Membership, { tenantId, userId });
  }

  /** Outside a tenant's unit of work: the filter off, the tenant named in the query. */
  getAcrossTenants(tenantId: string, userId: string): Promise<Membership | null> {
    return this.em.findOne(Membership, { tenantId, userId }, ACROSS_TENANTS);
  }

  /** Under the tenant role a user row is visible only when it is a member here, so this says nothing about accounts elsewhere. */
  async hasMemberWithEmail(tenantId: string, email: string): Promise<boolean> {
    const rows = await this.em.execute(
      'select 1 from users u join memberships m on m.user_id = u.id and m.tenant_id = ? where lower(u.email) = ?',
      [tenantId, email.toLowerCase()],
    );
    return rows.length > 0;
  }

  add(membership: Membership): void {
    this.em.persist(membership);
  }

  remove(membership: Membership): void {
    this.em.remove(membership);
  }

  /** The tenant's members with their name and address, oldest first. */
  async list(tenantId: string): Promise<MemberRow[]> {
    const memberships = await this.em.find(Membership, { tenantId }, { orderBy: { createdAt: 'asc', userId: 'asc' } });
    if (memberships.length === 0) return [];
    const users = await this.em.execute<{ id: string; email: string; name: string }[]>(
      `select id, email, name from users where id in (${memberships.map(() => '?').join(', ')})`,
      memberships.map((m) => m.userId),
    );
    const byId = new Map(users.map((u) => [u.id, u]));
    return memberships.map((membership) => ({ membership, email: byId.get(membership.userId)?.email ?? '', name: byId.get(membership.userId)?.name ?? '' }));
  }

  async row(membership: Membership): Promise<MemberRow> {
    const rows = await this.em.execute<{ email: string; name: string }[]>('select email, name from users where id = ?', [membership.userId]);
    return { membership, email: rows[0]?.email ?? '', name: rows[0]?.name ?? '' };
  }

  /**
   * Locks the tenant's owner rows and counts them, so that two concurrent changes cannot each
   * leave the other as the last owner and then both go through.
   */
  async lockOwners(tenantId: string): Promise<number> {
    const owners = await this.em.find(Membership, { tenantId, role: 'owner' }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { userId: 'asc' } });
    return owners.length;
  }

  /** Every membership of one user, with the institute's name. */
  async ofUserAcrossTenants(userId: string): Promise<MembershipWithTenant[]> {
    const memberships = await this.em.find(Membership, { userId }, { ...ACROSS_TENANTS, orderBy: { createdAt: 'asc' } });
    if (memberships.length === 0) return [];
    const tenants = await this.em.execute<{ id: string; institute_name: string }[]>(
      `select id, institute_name from tenants where id in (${memberships.map(() => '?').join(', ')})`,
      memberships.map((m) => m.tenantId),
    );
    const names = new Map(tenants.map((t) => [t.id, t.institute_name]));
    return memberships.map((membership) => ({ tenantId: membership.tenantId, instituteName: names.get(membership.tenantId) ?? '', membership }));
  }

  /** Tenants in which `userId` is the only owner; their owner rows stay locked until commit. */
  async soleOwnerTenantsAcrossTenants(userId: string): Promise<string[]> {
    const rows = await this.em.execute<{ tenant_id: string }[]>(
      `select m.tenant_id from memberships m
        where m.role = 'owner' and m.tenant_id in (select tenant_id from memberships where user_id = ? and role = 'owner')
        order by m.tenant_id, m.user_id for update`,
      [userId],
    );
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.tenant_id, (counts.get(r.tenant_id) ?? 0) + 1);
    return [...counts].filter(([, n]) => n === 1).map(([tenantId]) => tenantId);
  }
}
