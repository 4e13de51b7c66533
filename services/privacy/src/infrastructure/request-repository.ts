import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { PrivacyRequest } from '../domain/request';
import { OwnerTask } from '../domain/task';

export interface RequestCursor {
  receivedAt: string;
  id: string;
}

/** Requests and their per-owner tasks. */
export class RequestRepository {
  constructor(private readonly em: EntityManager) {}

  get(id: string): Promise<PrivacyRequest | null> {
    return this.em.findOne(PrivacyRequest, { id });
  }

  /** The request, locked for the rest of the transaction: one writer per request at a time. */
  lock(id: string): Promise<PrivacyRequest | null> {
    return this.em.findOne(PrivacyRequest, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** Like lock, but null when another transaction (another replica's scheduler) holds it. */
  lockUnlessBusy(id: string): Promise<PrivacyRequest | null> {
    return this.em.findOne(PrivacyRequest, { id }, { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE });
  }

  tasks(requestId: string): Promise<OwnerTask[]> {
    return this.em.find(OwnerTask, { requestId }, { orderBy: { owner: 'asc' } });
  }

  tasksOf(requestIds: string[]): Promise<OwnerTask[]> {
    if (requestIds.length === 0) return Promise.resolve([]);
    return this.em.find(OwnerTask, { requestId: { $in: requestIds } }, { orderBy: { requestId: 'asc', owner: 'asc' } });
  }

  task(requestId: string, owner: string): Promise<OwnerTask | null> {
    return this.em.findOne(OwnerTask, { requestId, owner });
  }

  add(entity: PrivacyRequest | OwnerTask): void {
    this.em.persist(entity);
  }

  /**
   * The requests a user made, newest first, less those about clients of an institute where the user
   * may no longer follow them: `clientRights` names the institutes where they may follow access
   * requests (view) and every request (edit).
   */
  byRequester(userId: string, limit: number, after: RequestCursor | undefined, clientRights: { view: string[]; edit: string[] }): Promise<PrivacyRequest[]> {
    return this.page(limit, after)
      .andWhere(`r.requester ->> 'userId' = ?`, [userId])
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

  /** Requests about the same data subject, newest first: part of that subject's own export. */
  bySubject(subject: PrivacyRequest['subject'], limit: number): Promise<PrivacyRequest[]> {
    return this.em
      .createQueryBuilder(PrivacyRequest, 'r')
      .select('*')
      .where('r.subject = cast(? as jsonb)', [JSON.stringify(subject)])
      .orderBy({ receivedAt: 'desc', id: 'desc' })
      .limit(limit)
      .getResultList();
  }
}
