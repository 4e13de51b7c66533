import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { supportApi } from '@homi/contracts';
import { SupportAccessRequest } from '../domain/support-access-request';
import type { ListPosition, SupportRequests } from '../application/ports';
import { ACROSS_TENANTS } from './across-tenants';

type SupportAccessStatus = supportApi.SupportAccessStatus;

const newestFirst = { orderBy: { createdAt: 'desc', id: 'desc' } } as const;
const olderThan = (p?: ListPosition) =>
  p ? { $or: [{ createdAt: { $lt: p.createdAt } }, { createdAt: p.createdAt, id: { $lt: p.id } }] } : {};

/** Support access requests. Methods for one tenant take the tenantId; those across tenants say so. */
export class SupportRequestRepository implements SupportRequests {
  constructor(private readonly em: EntityManager) {}

  add(request: SupportAccessRequest): void {
    this.em.persist(request);
  }

  /** The request, locked until commit so that two decisions on it are taken one after the other. */
  lock(tenantId: string, id: string): Promise<SupportAccessRequest | null> {
    return this.em.findOne(SupportAccessRequest, { tenantId, id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  listForTenant(tenantId: string, limit: number, after?: ListPosition, statuses?: readonly SupportAccessStatus[]): Promise<SupportAccessRequest[]> {
    const status = statuses ? { status: { $in: [...statuses] } } : {};
    return this.em.find(SupportAccessRequest, { tenantId, ...status, ...olderThan(after) }, { ...newestFirst, limit });
  }

  /** A support user's own requests, in whichever tenants. */
  listOfSupportUserAcrossTenants(supportUserId: string, limit: number, after?: ListPosition): Promise<SupportAccessRequest[]> {
    return this.em.find(SupportAccessRequest, { supportUserId, ...olderThan(after) }, { ...ACROSS_TENANTS, ...newestFirst, limit });
  }

  /** Write requests waiting for a second support user, in whichever tenants. */
  listAwaitingCoApprovalAcrossTenants(limit: number, after?: ListPosition): Promise<SupportAccessRequest[]> {
    return this.em.find(SupportAccessRequest, { status: 'awaiting_co_approval', ...olderThan(after) }, { ...ACROSS_TENANTS, ...newestFirst, limit });
  }

  /** Locks the request wherever its tenant is (support side, where no tenant is in the path). */
  lockAcrossTenants(id: string): Promise<SupportAccessRequest | null> {
    return this.em.findOne(SupportAccessRequest, { id }, { ...ACROSS_TENANTS, lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /**
   * Claims one request the expiry job has to act on (unanswered since `answeredBefore`, or active
   * past `now`), skipping rows another replica holds; locked until commit.
   */
  async claimLapsedAcrossTenants(answeredBefore: Date, now: Date): Promise<SupportAccessRequest | null> {
    const [row] = await this.em.execute<{ id: string }[]>(
      `select id from support_access_requests
        where (status in ('awaiting_co_approval', 'pending') and created_at <= ?) or (status = 'active' and expires_at <= ?)
        order by created_at limit 1 for update skip locked`,
      [answeredBefore, now],
    );
    return row ? this.em.findOne(SupportAccessRequest, { id: row.id }, ACROSS_TENANTS) : null;
  }

  /** The owners of the tenant, to be told of a new request. */
  async ownersOf(tenantId: string): Promise<string[]> {
    const rows = await this.em.execute<{ user_id: string }[]>(`select user_id from memberships where tenant_id = ? and role = 'owner' order by user_id`, [tenantId]);
    return rows.map((r) => r.user_id);
  }

  /** Records one notification per owner (a mail sender reads them with the SupportAccessRequested event). */
  async addNotifications(request: SupportAccessRequest, recipients: string[], newId: () => string): Promise<void> {
    await this.em.flush(); // the request row first, for the foreign key
    for (const userId of recipients) {
      await this.em.execute(
        'insert into support_access_notifications (id, request_id, tenant_id, recipient_user_id, created_at) values (?, ?, ?, ?, ?)',
        [newId(), request.id, request.tenantId, userId, request.createdAt],
      );
    }
  }

  async lockTicket(ticketId: string): Promise<void> {
    await this.em.execute('select pg_advisory_xact_lock(hashtextextended(?, 43))', [ticketId]);
  }

  async isTicketClosed(ticketId: string): Promise<boolean> {
    const rows = await this.em.execute<unknown[]>('select 1 from closed_tickets where ticket_id = ?', [ticketId]);
    return rows.length > 0;
  }

  async recordTicketClosure(ticketId: string, tenantId: string, closedAt: Date | null): Promise<void> {
    if (closedAt === null) {
      await this.em.execute('delete from closed_tickets where ticket_id = ?', [ticketId]);
      return;
    }
    await this.em.execute(
      'insert into closed_tickets (ticket_id, tenant_id, closed_at) values (?, ?, ?) on conflict (ticket_id) do update set closed_at = excluded.closed_at',
      [ticketId, tenantId, closedAt],
    );
  }

  lockOpenCiting(tenantId: string, ticketId: string): Promise<SupportAccessRequest[]> {
    return this.em.find(
      SupportAccessRequest,
      { tenantId, ticket: ticketId, status: { $in: ['awaiting_co_approval', 'pending', 'active'] } },
      // The tenant filter's argument given here: the closure consumer's transaction names no tenant of its own.
      { filters: { tenant: { tenantId } }, lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { createdAt: 'asc', id: 'asc' } },
    );
  }
}
