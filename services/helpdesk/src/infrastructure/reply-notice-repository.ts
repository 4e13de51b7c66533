import type { EntityManager } from '@mikro-orm/postgresql';
import { SqlNoticeTable } from '@homi/mail';
import { noteNoticeWritten } from '@homi/service-kit';
import type { ReplyNoticeRepository } from '../application/ports';
import { ReplyNotice } from '../domain/reply-notice';
import { ACROSS_TENANTS } from './ticket-repository';

/** Reply notices over MikroORM; the notice job's methods cross tenants and say so. */
export class OrmReplyNoticeRepository extends SqlNoticeTable<ReplyNotice> implements ReplyNoticeRepository {
  constructor(private readonly em: EntityManager) {
    super((sql, params) => em.execute(sql, params), 'reply_notices');
  }

  add(notice: ReplyNotice): void {
    this.em.persist(notice);
    noteNoticeWritten(this.em);
  }

  protected loadClaimed(ids: string[]): Promise<ReplyNotice[]> {
    return this.em.find(ReplyNotice, { id: { $in: ids } }, { ...ACROSS_TENANTS, orderBy: { createdAt: 'asc', id: 'asc' }, refresh: true });
  }

  async forgetRecipient(userId: string, now: Date): Promise<number> {
    const rows = await this.em.execute<unknown[]>(
      `update reply_notices set recipient_id = null, gave_up_at = case when sent_at is null then coalesce(gave_up_at, ?) else gave_up_at end
        where recipient_id = ? returning id`, [now, userId]);
    return rows.length;
  }
}
