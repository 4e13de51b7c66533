import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlNoticeQueue } from '@homi/mail';
import type { ReplyNoticeRepository } from '../application/ports';
import { ReplyNotice } from '../domain/reply-notice';
import { ACROSS_TENANTS } from './ticket-repository';

/** Reply notices over MikroORM; the notice job's methods cross tenants and say so. */
export class OrmReplyNoticeRepository implements ReplyNoticeRepository {
  private readonly queue;

  constructor(private readonly em: EntityManager) {
    this.queue = sqlNoticeQueue((sql, params) => em.execute(sql, params), 'reply_notices');
  }

  add(notice: ReplyNotice): void {
    this.em.persist(notice);
  }

  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ReplyNotice[]> {
    const ids = await this.queue.claimDueIds(now, leaseUntil, limit);
    if (!ids.length) return [];
    return this.em.find(ReplyNotice, { id: { $in: ids } }, { ...ACROSS_TENANTS, orderBy: { createdAt: 'asc', id: 'asc' }, refresh: true });
  }

  markSent(id: string, now: Date): Promise<void> {
    return this.queue.markSent(id, now);
  }

  retryAt(id: string, at: Date): Promise<void> {
    return this.queue.retryAt(id, at);
  }

  giveUp(id: string, now: Date): Promise<void> {
    return this.queue.giveUp(id, now);
  }

  async forgetRecipient(userId: string, now: Date): Promise<number> {
    const rows = await this.em.execute<unknown[]>(
      `update reply_notices set recipient_id = null, gave_up_at = case when sent_at is null then coalesce(gave_up_at, ?) else gave_up_at end
        where recipient_id = ? returning id`, [now, userId]);
    return rows.length;
  }
}
