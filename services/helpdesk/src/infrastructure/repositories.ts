import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { outboxEvents } from '@homi/messaging';
import { afterNoticeWritten, ormUnitOfWork, type Logger } from '@homi/service-kit';
import type { HelpdeskUnitOfWork, Repositories } from '../application/ports';
import { OrmInstituteNameRepository } from './institute-name-repository';
import { OrmMessageRepository } from './message-repository';
import { OrmReplyNoticeRepository } from './reply-notice-repository';
import { TENANT_ROLE } from './migrations/0001-initial';
import { OrmTicketRepository } from './ticket-repository';

/** The helpdesk's repositories over one transaction's entity manager; events go to its outbox. */
export function ormRepositories(em: EntityManager): Repositories {
  return {
    tickets: new OrmTicketRepository(em),
    messages: new OrmMessageRepository(em),
    institutes: new OrmInstituteNameRepository(em),
    notices: new OrmReplyNoticeRepository(em),
    events: outboxEvents(em),
  };
}

/** The helpdesk's unit of work over Postgres: the tenant role, RLS settings, the relay kicked by each commit that wrote events (ADR 69), `onNoticeWritten` after each commit that wrote a notice to send. */
export function helpdeskUnitOfWork(orm: MikroORM, onNoticeWritten: () => void, logger?: Logger): HelpdeskUnitOfWork {
  return ormUnitOfWork({ orm, tenantRole: TENANT_ROLE, repositories: ormRepositories, afterCommit: afterNoticeWritten(onNoticeWritten), logger });
}
