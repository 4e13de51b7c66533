import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { outboxEvents } from '@homi/messaging';
import { afterNoticeWritten, ormUnitOfWork, type Logger } from '@homi/service-kit';
import type { Repositories, TenantDataUnitOfWork } from '../application/ports';
import { OrmAppointmentRepository } from './appointment-repository';
import { OrmAppointmentNoticeRepository } from './appointment-notice-repository';
import { OrmClientImportRepository } from './client-import-repository';
import { OrmClientRepository } from './client-repository';
import { SqlHealthDataRepository } from './health-data-repository';
import { OrmInstituteRepository } from './institute-repository';
import { OrmTreatmentRepository, OrmWorkingHoursRepository } from './treatment-repository';
import { TENANT_ROLE } from './migrations/0001-initial';

/** tenant-data's repositories over one transaction's entity manager; events go to its outbox. */
export function ormRepositories(em: EntityManager): Repositories {
  return {
    clients: new OrmClientRepository(em),
    appointments: new OrmAppointmentRepository(em),
    treatments: new OrmTreatmentRepository(em),
    workingHours: new OrmWorkingHoursRepository(em),
    institutes: new OrmInstituteRepository(em),
    health: new SqlHealthDataRepository(em),
    clientImports: new OrmClientImportRepository(em),
    notices: new OrmAppointmentNoticeRepository(em),
    events: outboxEvents(em),
  };
}

/** The unit of work of tenant-data over Postgres: the tenant role, RLS settings, the relay kicked by each commit that wrote events (ADR 69), `onNoticeWritten` after each commit that wrote a notice to send. */
export function tenantDataUnitOfWork(orm: MikroORM, onNoticeWritten: () => void, logger?: Logger): TenantDataUnitOfWork {
  return ormUnitOfWork({ orm, tenantRole: TENANT_ROLE, repositories: ormRepositories, afterCommit: afterNoticeWritten(onNoticeWritten), logger });
}
