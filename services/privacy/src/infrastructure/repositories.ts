import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { enqueue } from '@homi/messaging';
import { ormUnitOfWork, type Logger } from '@homi/service-kit';
import type { PrivacyUnitOfWork, Repositories } from '../application/ports';
import { appendAudit } from './audit-trail';
import { OwnerRegistry } from './owner-registry';
import { recordRetentionPurge } from './retention-trail';
import { TENANT_ROLE } from './migrations/0005-tenant-usage-isolation';
import { RequestRepository } from './request-repository';

/** privacy's repositories over one transaction's entity manager; events go to its outbox. */
export function ormRepositories(em: EntityManager): Repositories {
  return {
    requests: new RequestRepository(em),
    audit: { append: async (...entry) => void (await appendAudit(em, ...entry)) },
    notifications: { add: (notification) => void em.persist(notification) },
    owners: new OwnerRegistry(em),
    retentionTrail: { record: async (report, at) => (await recordRetentionPurge(em, report, at)).seq },
    events: { publish: (contract, data) => void enqueue(em, contract, data) },
  };
}

/** The unit of work of privacy over Postgres: the tenant role, RLS settings, the relay kicked after each commit. */
export function privacyUnitOfWork(orm: MikroORM, afterCommit: () => void, logger?: Logger): PrivacyUnitOfWork {
  return ormUnitOfWork({ orm, tenantRole: TENANT_ROLE, repositories: ormRepositories, afterCommit, logger });
}
