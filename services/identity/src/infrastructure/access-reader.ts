import type { EntityManager } from '@mikro-orm/postgresql';
import { CurrentStatement, Membership, UserAccess } from '@homi/contracts';
import type { AccessReads } from '../application/ports';

type Timestamp = Date | string;
/** The driver hands timestamptz back as text (MikroORM's setting); normalised here. */
const iso = (t: Timestamp) => new Date(t).toISOString();

/**
 * Reads the state the gateway needs, straight from the database in the shapes of the KV entries.
 * Plain SQL on purpose: every call must see the latest commit, never the identity map's copy.
 */
export class AccessReader implements AccessReads {
  constructor(private readonly em: EntityManager) {}

  async membership(userId: string, tenantId: string): Promise<Membership | null> {
    const [row] = await this.em.execute<{ role: string; permissions: unknown; updated_at: Timestamp }[]>(
      'select role, permissions, updated_at from memberships where tenant_id = ? and user_id = ?',
      [tenantId, userId],
    );
    if (!row) return null;
    return Membership.parse({ userId, tenantId, role: row.role, permissions: row.permissions, updatedAt: iso(row.updated_at) });
  }

  async userAccess(userId: string): Promise<UserAccess | null> {
    const [row] = await this.em.execute<{ status: string; updated_at: Timestamp; version: string | null; accepted_at: Timestamp | null }[]>(
      `select u.status, u.updated_at, a.version, a.accepted_at from users u
        left join lateral (
          select a.version, a.accepted_at from privacy_statement_acceptances a
            join privacy_statements s on s.version = a.version
           where a.user_id = u.id order by s.published_at desc, s.version desc limit 1
        ) a on true
       where u.id = ?`,
      [userId],
    );
    if (!row) return null;
    const updated = new Date(row.updated_at);
    const accepted = row.accepted_at ? new Date(row.accepted_at) : null;
    const updatedAt = accepted && accepted > updated ? accepted : updated;
    return UserAccess.parse({ userId, status: row.status, acceptedStatementVersion: row.version, updatedAt: updatedAt.toISOString() });
  }

  async currentStatement(): Promise<CurrentStatement | null> {
    const [row] = await this.em.execute<{ version: string; published_at: Timestamp }[]>(
      'select version, published_at from privacy_statements order by published_at desc, version desc limit 1',
    );
    return row ? CurrentStatement.parse({ version: row.version, publishedAt: iso(row.published_at) }) : null;
  }

  /** Every (user, tenant) pair with a membership, and every user id: for rebuilding empty buckets. */
  async allKeys(): Promise<{ memberships: { userId: string; tenantId: string }[]; users: string[] }> {
    const memberships = await this.em.execute<{ user_id: string; tenant_id: string }[]>('select user_id, tenant_id from memberships');
    const users = await this.em.execute<{ id: string }[]>('select id from users');
    return { memberships: memberships.map((m) => ({ userId: m.user_id, tenantId: m.tenant_id })), users: users.map((u) => u.id) };
  }
}
