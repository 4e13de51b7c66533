import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReplyNoticeRepository } from '../application/ports';
import { ReplyNotice } from '../domain/reply-notice';
import { ACROSS_TENANTS } from './ticket-repository';

/** Reply notices over MikroORM; the notice job's methods cross tenants and say so. */
export class OrmReplyNoticeRepository implements ReplyNoticeRepository {
  constructor(private readonly em: EntityManager) {}

  add(notice: ReplyNotice): void {
    this.em.persist(notice);
  }

  async claimDueAcrossTenants(now: Date, leaseUntil: Date, limit: number): Promise<ReplyNotice[]> {
    // Skips rows another sender is claiming; a lease that ran out (its sender died) is taken over.
    const rows = await this.em.execute<{ id: string }[]>(
      `update reply_notices set lease_until = ?, attempts = attempts + 1
        where id in (
          select id from reply_notices
           where sent_at is null and gave_up_at is null and next_attempt_at <= ? and (lease_until is null or lease_until <= ?)
           order by next_attempt_at, id limit ? for update skip locked)
        returning id`,
      [leaseUntil, now, now, limit],
    );
    if (!rows.length) return [];
    return this.em.find(ReplyNotice, { id: { $in: rows.map((r) => r.id) } }, { ...ACROSS_TENANTS, orderBy: { createdAt: 'asc', id: 'asc' }, refresh: true });
  }

  async markSent(id: string, now: Date): Promise<void> {
    await this.em.execute('update reply_notices set sent_at = ?, lease_until = null where id = ?', [now, id]);
  }

  async retryAt(id: string, at: Date): Promise<void> {
    await this.em.execute('update reply_notices set next_attempt_at = ?, lease_until = null where id = ?', [at, id]);
  }

  async giveUp(id: string, now: Date): Promise<void> {
    await this.em.execute('update reply_notices set gave_up_at = ?, lease_until = null where id = ?', [now, id]);
  }

  async forgetRecipient(userId: string, now: Date): Promise<number> {
    const rows = await this.em.execute<unknown[]>(
      `update reply_notices set recipient_id = null, gave_up_at = case when sent_at is null then coalesce(gave_up_at, ?) else gave_up_at end
        where recipient_id = ? returning id`, [now, userId]);
    return rows.length;
  }
}
