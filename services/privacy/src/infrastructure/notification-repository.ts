import { sqlNoticeQueue } from '@homi/mail';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { NotificationRepository } from '../application/ports';
import { Notification } from '../domain/notification';

/** The requesters' notices over MikroORM: libs/mail's statements on the notifications table (ADR 51). */
export function ormNotifications(em: EntityManager): NotificationRepository {
  const queue = sqlNoticeQueue((sql, params) => em.execute(sql, params), 'notifications');
  return {
    add: (notification) => void em.persist(notification),
    async claimDue(now, leaseUntil, limit) {
      const ids = await queue.claimDueIds(now, leaseUntil, limit);
      if (!ids.length) return [];
      return em.find(Notification, { id: { $in: ids } }, { orderBy: { nextAttemptAt: 'asc', id: 'asc' }, refresh: true });
    },
    markSent: queue.markSent,
    retryAt: queue.retryAt,
    giveUp: queue.giveUp,
  };
}
