import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { enqueue } from '@homi/messaging';
import { ormUnitOfWork, type Logger } from '@homi/service-kit';
import type { IdentityUnitOfWork, Repositories } from '../application/ports';
import { appendAudit } from './audit-log';
import { InvitationRepository } from './invitation-repository';
import { MembershipRepository } from './membership-repository';
import { TENANT_ROLE } from './migrations/0001-initial';
import { TenantRepository } from './tenant-repository';

/** identity's repositories over one transaction's entity manager. */
export const ormRepositories = (em: EntityManager): Repositories => ({
  memberships: new MembershipRepository(em),
  tenants: new TenantRepository(em),
  invitations: new InvitationRepository(em),
  events: { publish: (contract, data) => void enqueue(em, contract, data) },
  audit: { append: (record) => appendAudit(em, record) },
});

/** The unit of work the converted use cases take; the relay is kicked after each commit. */
export function identityUnitOfWork(orm: MikroORM, afterCommit: () => void, logger: Logger): IdentityUnitOfWork {
  return ormUnitOfWork({ orm, tenantRole: TENANT_ROLE, repositories: ormRepositories, afterCommit, logger });
}
