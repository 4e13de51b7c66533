import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { inTenantTransaction } from '@homi/service-kit';
import { TENANT_ROLE } from './migrations/0005-tenant-usage-isolation';

/** The service's database as the use cases see it. */
export interface Database {
  /** Runs `work` in one transaction; wakes the outbox relay once it has committed. */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T>;
  /** One transaction for a member of one tenant: as the tenant role, which row-level security holds to that tenant (ADR 4). */
  tenant<T>(tenantId: string, work: (em: EntityManager) => Promise<T>): Promise<T>;
  /** A fresh context outside any transaction, for reads and for streamed uploads and downloads. */
  fork(): EntityManager;
}

export class OrmDatabase implements Database {
  constructor(
    private readonly orm: MikroORM,
    private readonly afterCommit: () => void = () => {},
  ) {}

  async transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.orm.em.fork({ clear: true }).transactional(work);
    this.afterCommit();
    return result;
  }

  tenant<T>(tenantId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return inTenantTransaction(this.orm, tenantId, TENANT_ROLE, work);
  }

  fork(): EntityManager {
    return this.orm.em.fork({ clear: true });
  }
}
