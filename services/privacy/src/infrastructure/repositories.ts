import { IsolationLevel, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { outboxEvents } from '@homi/messaging';
import { afterNoticeWritten, enterAllTenants, enterTenantAsOwner, ormUnitOfWork, type Logger } from '@homi/service-kit';
import type { PrivacyUnitOfWork, Repositories } from '../application/ports';
import { appendAudit } from './audit-trail';
import { OwnerRegistry } from './owner-registry';
import { OrmNotificationRepository } from './notification-repository';
import { ormExportParts, PartStore } from './part-store';
import { lastPurges, recordRetentionPurge } from './retention-trail';
import { TENANT_ROLE } from './migrations/0005-tenant-usage-isolation';
import { RequestRepository } from './request-repository';
import { UsageStore } from './usage-store';

const partStore = new PartStore();

/** privacy's repositories over one transaction's entity manager; events go to its outbox. */
export function ormRepositories(em: EntityManager, logger?: Logger): Repositories {
  return {
    requests: new RequestRepository(em),
    audit: { append: async (...entry) => void (await appendAudit(em, ...entry)) },
    notifications: new OrmNotificationRepository(em),
    owners: new OwnerRegistry(em),
    retentionTrail: {
      record: async (report, at) => (await recordRetentionPurge(em, report, at)).seq,
      lastPurges: () => lastPurges(em),
    },
    parts: ormExportParts(partStore, em),
    usage: new UsageStore(em),
    tenancy: {
      acrossTenants: async (reason) => {
        logger?.debug({ reason }, 'transaction across tenants');
        await enterAllTenants(em);
      },
      asOwnerOf: (tenantId) => enterTenantAsOwner(em, tenantId),
    },
    events: outboxEvents(em),
  };
}

/** The unit of work of privacy over Postgres: the tenant role, RLS settings, the relay kicked by each commit that wrote events (ADR 69), `onNoticeWritten` after each commit that wrote a notice to send. */
export function privacyUnitOfWork(orm: MikroORM, onNoticeWritten: () => void, logger?: Logger): PrivacyUnitOfWork {
  const repositories = (em: EntityManager) => ormRepositories(em, logger);
  return {
    ...ormUnitOfWork({ orm, tenantRole: TENANT_ROLE, repositories, afterCommit: afterNoticeWritten(onNoticeWritten), logger }),
    snapshot: (reason, work) => {
      logger?.debug({ reason }, 'read-only snapshot across tenants');
      return orm.em.fork({ clear: true }).transactional(
        async (em) => {
          await enterAllTenants(em);
          return work(repositories(em));
        },
        { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
      );
    },
  };
}
