import { SqlNoticeTable } from '@homi/mail';
import { noteNoticeWritten } from '@homi/service-kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { NotificationRepository } from '../application/ports';
import { Notification } from '../domain/notification';

/** The requesters' notices over MikroORM: libs/mail's statements on the notifications table (ADR 51). */
export class OrmNotificationRepository extends SqlNoticeTable<Notification> implements NotificationRepository {
  constructor(private readonly em: EntityManager) {
    super((sql, params) => em.execute(sql, params), 'notifications');
  }

  add(notification: Notification): void {
    this.em.persist(notification);
    noteNoticeWritten(this.em);
  }

  protected loadClaimed(ids: string[]): Promise<Notification[]> {
    return this.em.find(Notification, { id: { $in: ids } }, { orderBy: { nextAttemptAt: 'asc', id: 'asc' }, refresh: true });
  }
}
