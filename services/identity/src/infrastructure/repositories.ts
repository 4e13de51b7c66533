import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { outboxEvents } from '@homi/messaging';
import { ormUnitOfWork, type Logger } from '@homi/service-kit';
import type { IdentityUnitOfWork, Repositories } from '../application/ports';
import { AccessReader } from './access-reader';
import { auditLog } from './audit-log';
import { GrantReader } from './grant-reader';
import { InvitationRepository } from './invitation-repository';
import { MembershipRepository } from './membership-repository';
import { TENANT_ROLE } from './migrations/0001-initial';
import { SignupRepository } from './signup-repository';
import { StatementRepository } from './statement-repository';
import { SqlSubjectRecords } from './subject-records';
import { SupportRequestRepository } from './support-request-repository';
import { TenantRepository } from './tenant-repository';
import { UserRepository } from './user-repository';

/**
 * identity's repositories over one transaction's entity manager: the unit of work's, and a
 * consumer's or a privacy command's (its message's transaction), so the inbox entry and the
 * outcome commit together.
 */
export const ormRepositories = (em: EntityManager): Repositories => ({
  memberships: new MembershipRepository(em),
  tenants: new TenantRepository(em),
  invitations: new InvitationRepository(em),
  users: new UserRepository(em),
  signups: new SignupRepository(em),
  statements: new StatementRepository(em),
  supportRequests: new SupportRequestRepository(em),
  access: new AccessReader(em),
  grants: new GrantReader(em),
  subjects: new SqlSubjectRecords(em),
  events: outboxEvents(em),
  audit: auditLog(em),
});

/** The unit of work the use cases take; the relay is kicked by each commit that wrote events (ADR 69). */
export function identityUnitOfWork(orm: MikroORM, logger: Logger): IdentityUnitOfWork {
  return ormUnitOfWork({ orm, tenantRole: TENANT_ROLE, repositories: ormRepositories, logger });
}
