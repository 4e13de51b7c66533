import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { DataSubject } from '@homi/contracts';
import { perTransaction, queryEach } from '@homi/service-kit';
import type { AttentionCriteria, PrivacyRequestRepository, RequestCursor } from '../application/ports';
import { GENESIS_HASH } from '../domain/audit';
import { PrivacyRequest } from '../domain/request';
import { OwnerTask } from '../domain/task';
import { holdsRequestLock, requestCreated, requestLocked } from './audit-trail';

/**
 * The tasks of each request a transaction locked, as read with the lock, keyed by the transaction
 * (so nothing outlives it): while it holds the lock nobody else changes them, and its own changes are
 * on these same entities (the ORM's identity map). A task it adds drops the request's list.
 */
const lockedTasks = perTransaction(() => new Map<string, OwnerTask[]>());

/** Requests and their per-owner tasks. */
export class RequestRepository implements PrivacyRequestRepository {
  constructor(private readonly em: EntityManager) {}

  get(id: string): Promise<PrivacyRequest | null> {
    return this.em.findOne(PrivacyRequest, { id });
  }

  /**
   * The request, locked for the rest of the transaction: one writer per request at a time. Locked
   * already by this transaction (an earlier answer of the same batch): the entity it holds is the
   * row as this transaction sees it, so no second `select … for update` is sent. Otherwise one round
   * trip locks the row and then reads its tasks and its audit chain's tip, each statement after the
   * lock is held (ADR 73), for what the caller does next.
   */
  async lock(id: string): Promise<PrivacyRequest | null> {
    if (holdsRequestLock(this.em, id)) {
      const held = this.em.getUnitOfWork().getById(PrivacyRequest, id);
      if (held) return held;
    }
    const [requests, tasks, tips] = await queryEach(this.em, [
      { sql: 'select * from requests where id = ? for update', params: [id] },
      { sql: 'select * from request_tasks where request_id = ? order by owner', params: [id] },
      { sql: 'select seq, hash from audit_events where request_id = ? order by seq desc limit 1', params: [id] },
    ]);
    const row = requests?.[0];
    if (!row) return null;
    const request = this.em.map(PrivacyRequest, row);
    lockedTasks(this.em)?.set(id, (tasks ?? []).map((t) => this.em.map(OwnerTask, t)));
    const tip = tips?.[0];
    requestLocked(this.em, id, tip ? { seq: Number(tip.seq), hash: String(tip.hash) } : { seq: 0, hash: GENESIS_HASH });
    return request;
  }

  async lockUnlessBusy(id: string): Promise<PrivacyRequest | null> {
    return this.locked(await this.em.findOne(PrivacyRequest, { id }, { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE }));
  }

  /** Tells the audit trail that this transaction holds the request's lock (ADR 68). */
  private locked(request: PrivacyRequest | null): PrivacyRequest | null {
    if (request) requestLocked(this.em, request.id);
    return request;
  }

  tasks(requestId: string): Promise<OwnerTask[]> {
    const read = lockedTasks(this.em)?.get(requestId);
    if (read) return Promise.resolve([...read]);
    return this.em.find(OwnerTask, { requestId }, { orderBy: { owner: 'asc' } });
  }

  tasksOf(requestIds: string[]): Promise<OwnerTask[]> {
    if (requestIds.length === 0) return Promise.resolve([]);
    return this.em.find(OwnerTask, { requestId: { $in: requestIds } }, { orderBy: { requestId: 'asc', owner: 'asc' } });
  }

  task(requestId: string, owner: string): Promise<OwnerTask | null> {
    return this.em.findOne(OwnerTask, { requestId, owner });
  }

  add(request: PrivacyRequest): void {
    this.em.persist(request);
    requestCreated(this.em, request.id);
  }

  addTask(task: OwnerTask): void {
    lockedTasks(this.em)?.delete(task.requestId);
    this.em.persist(task);
  }

  byRequester(userId: string, limit: number, after: RequestCursor | undefined, clientRights: { view: string[]; edit: string[] }): Promise<PrivacyRequest[]> {
    return this.page(limit, after)
      .andWhere(`r.requester ->> 'userId' = ?`, [userId])
      .andWhere({ purpose: 'data-subject' })
      .andWhere(
        `(r.subject ->> 'kind' <> 'client' or r.subject ->> 'tenantId' in (select jsonb_array_elements_text(cast(? as jsonb)))` +
          ` or (r.type = 'access' and r.subject ->> 'tenantId' in (select jsonb_array_elements_text(cast(? as jsonb)))))`,
        [JSON.stringify(clientRights.edit), JSON.stringify(clientRights.view)],
      )
      .getResultList();
  }

  private page(limit: number, after: RequestCursor | undefined) {
    const qb = this.em.createQueryBuilder(PrivacyRequest, 'r').select('*').orderBy({ receivedAt: 'desc', id: 'desc' }).limit(limit);
    if (!after) return qb.where('1 = 1');
    const at = new Date(after.receivedAt);
    return qb.where({ $or: [{ receivedAt: { $lt: at } }, { receivedAt: at, id: { $lt: after.id } }] });
  }

  fromTicket(userId: string, ticketId: string): Promise<PrivacyRequest | null> {
    return this.em
      .createQueryBuilder(PrivacyRequest, 'r')
      .select('*')
      .where({ ticketId })
      .andWhere(`r.requester->>'userId' = ?`, [userId])
      .getSingleResult();
  }

  instituteExports(tenantId: string, limit: number): Promise<PrivacyRequest[]> {
    return this.em
      .createQueryBuilder(PrivacyRequest, 'r')
      .select('*')
      .where({ purpose: 'institute-export' })
      .andWhere(`r.subject ->> 'tenantId' = ?`, [tenantId])
      .orderBy({ receivedAt: 'desc', id: 'desc' })
      .limit(limit)
      .getResultList();
  }

  bySubject(subject: PrivacyRequest['subject'], limit: number): Promise<PrivacyRequest[]> {
    return this.em
      .createQueryBuilder(PrivacyRequest, 'r')
      .select('*')
      .where('r.subject = cast(? as jsonb)', [JSON.stringify(subject)])
      .andWhere({ purpose: 'data-subject' })
      .orderBy({ receivedAt: 'desc', id: 'desc' })
      .limit(limit)
      .getResultList();
  }

  async endExportsOf(subject: DataSubject, now: Date): Promise<string[]> {
    const match =
      subject.kind === 'user'
        ? { sql: `subject ->> 'kind' = 'user' and subject ->> 'userId' = ?`, params: [subject.userId] }
        : subject.kind === 'client'
          ? { sql: `subject ->> 'kind' = 'client' and subject ->> 'tenantId' = ? and subject ->> 'clientId' = ?`, params: [subject.tenantId, subject.clientId] }
          : { sql: `subject ->> 'tenantId' = ?`, params: [subject.tenantId] };
    const rows = await this.em.execute<{ id: string }[]>(
      `update requests set export_expires_at = least(coalesce(export_expires_at, ?), ?)
         where type = 'access' and ${match.sql} returning id`,
      [now, now, ...match.params],
    );
    return rows.map((r) => r.id);
  }

  async needingAttention(c: AttentionCriteria): Promise<string[]> {
    const rows = await this.em.execute<{ id: string }[]>(
      `select r.id from requests r
        where r.status <> 'completed' and (
          (not exists (select 1 from request_tasks t where t.request_id = r.id) and ?)
          or exists (select 1 from request_tasks t where t.request_id = r.id and t.status <> 'completed' and t.next_command_at <= ? and r.commands < ?)
          or (r.reminded_at is null and r.due_at <= ?)
          or (r.escalated_at is null and r.due_at <= ?)
          or (r.status <> 'completed_with_gaps' and r.due_at <= ?))
        order by r.due_at limit ?`,
      [c.ownersRegistered, c.now, c.maxCommands, c.remindDueBy, c.escalateDueBy, c.now, c.limit],
    );
    return rows.map((r) => r.id);
  }
}
