import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubjectRecords, SubjectRow } from '../application/ports';

// The data owner's reads and deletes (privacy.ts): plain SQL in the privacy command's transaction
// (inbox + outbox). em.execute runs in that transaction; em.getConnection().execute would take a pool
// connection of its own and commit the erasure apart from its report. Which rows a subject's command
// may reach is set before (privacy.ts enters the subject's scope: all tenants for a user, one for an institute).

const FINISHED = `status in ('denied', 'revoked', 'expired', 'ended')`;

export class SqlSubjectRecords implements SubjectRecords {
  constructor(private readonly em: EntityManager) {}

  private rows(sql: string, params: unknown[]): Promise<SubjectRow[]> {
    return this.em.execute<SubjectRow[]>(sql, params);
  }

  async ofUser(userId: string) {
    const id = [userId];
    return {
      account: await this.rows('select id, email, name, phone, status, created_at, deletion_requested_at, pending_email from users where id = ?', id),
      memberships: await this.rows(`select m.tenant_id, t.institute_name, m.role, m.permissions, m.created_at
        from memberships m join tenants t on t.id = m.tenant_id where m.user_id = ? order by m.created_at`, id),
      invitations: await this.rows(`select i.id, i.tenant_id, t.institute_name, i.email, i.role, i.permissions, i.status, i.created_at, i.expires_at, i.decided_at,
        i.invited_by = u.id as invited_by_you from invitations i join tenants t on t.id = i.tenant_id join users u on u.id = ?
        where lower(i.email) = lower(u.email) or i.accepted_by = u.id or i.invited_by = u.id order by i.created_at`, id),
      acceptances: await this.rows('select version, accepted_at from privacy_statement_acceptances where user_id = ? order by accepted_at', id),
      supportRequests: await this.rows(
        `select id, tenant_id, reason, ticket, modules, mode, duration_minutes, status, created_at, starts_at, expires_at, ended_at
           from support_access_requests where support_user_id = ? order by created_at`,
        id,
      ),
    };
  }

  async ofTenant(tenantId: string) {
    const id = [tenantId];
    return {
      details: await this.rows('select id, institute_name, kvk_number, address, phone, created_at from tenants where id = ?', id),
      // The institute's members by name and address, as its owners see them on the members page (ADR 54).
      memberships: await this.rows(`select m.user_id, u.name, u.email, m.role, m.permissions, m.created_at
        from memberships m left join users u on u.id = m.user_id where m.tenant_id = ? order by m.created_at, m.user_id`, id),
      invitations: await this.rows('select id, email, role, permissions, status, invited_by, created_at, expires_at, decided_at from invitations where tenant_id = ? order by created_at', id),
    };
  }

  async eraseUser(userId: string) {
    const memberships = await this.rows('delete from memberships where user_id = ? returning tenant_id', [userId]);
    const acceptances = await this.rows('delete from privacy_statement_acceptances where user_id = ? returning version', [userId]);
    // Invitations to the user's address, accepted by them, or made by them: before the user row goes.
    const invitations = await this.rows(`delete from invitations i using users u where u.id = ?
      and (lower(i.email) = lower(u.email) or i.accepted_by = u.id or i.invited_by = u.id) returning i.id`, [userId]);
    await this.rows('delete from signups where user_id = ? returning id', [userId]);
    const users = await this.rows('delete from users where id = ? returning id', [userId]);
    return { membershipTenantIds: memberships.map((m) => String(m.tenant_id)), acceptances: acceptances.length, invitations: invitations.length, users: users.length };
  }

  async eraseTenant(tenantId: string) {
    const memberships = await this.rows('delete from memberships where tenant_id = ? returning user_id', [tenantId]);
    await this.rows('delete from signups where tenant_id = ? returning id', [tenantId]);
    const invitations = await this.rows('delete from invitations where tenant_id = ? returning id', [tenantId]);
    const tenants = await this.rows('delete from tenants where id = ? returning id', [tenantId]);
    const supportRequests = await this.rows('delete from support_access_requests where tenant_id = ? returning id', [tenantId]);
    // The institute's closed helpdesk tickets (ids only, ADR 43) go with it.
    await this.rows('delete from closed_tickets where tenant_id = ? returning ticket_id', [tenantId]);
    return {
      memberUserIds: memberships.map((m) => String(m.user_id)), invitations: invitations.length, tenants: tenants.length,
      supportRequestIds: supportRequests.map((r) => String(r.id)),
    };
  }

  async supportRequestsOf(userId: string) {
    const [row] = await this.em.execute<{ n: string; open: string; ended: Date | string | null }[]>(
      `select count(*) as n, count(*) filter (where not (${FINISHED})) as open, max(coalesce(ended_at, decided_at)) as ended
         from support_access_requests where support_user_id = ?`,
      [userId],
    );
    return { count: Number(row?.n ?? 0), open: Number(row?.open ?? 0), lastEnded: row?.ended ? new Date(row.ended) : null };
  }

  async auditEntries(of: { actorUserId: string } | { tenantId: string }) {
    const [column, id] = 'tenantId' in of ? ['tenant_id', of.tenantId] : ['actor_user_id', of.actorUserId];
    const [row] = await this.em.execute<{ n: string; newest: Date | string | null }[]>(
      `select count(*) as n, max(occurred_at) as newest from tenant_audit_log where ${column} = ?`, [id],
    );
    return { count: Number(row?.n ?? 0), newest: row?.newest ? new Date(row.newest) : null };
  }
}
