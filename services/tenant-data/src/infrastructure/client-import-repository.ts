import type { EntityManager } from '@mikro-orm/postgresql';
import { OrmTenantRecords } from '@homi/service-kit';
import type { ClientImportRepository } from '../application/ports';
import { ClientImport } from '../domain/client-import';

/** ClientImportRepository over MikroORM; row-level security keeps it to the unit of work's tenant as well. */
export class OrmClientImportRepository extends OrmTenantRecords<ClientImport> implements ClientImportRepository {
  constructor(em: EntityManager) {
    super(em, ClientImport);
  }

  async lock(tenantId: string): Promise<void> {
    await this.em.execute(`select pg_advisory_xact_lock(hashtext('client-import'), hashtext(?))`, [tenantId]);
  }

  async existing(tenantId: string, keys: string[], emails: string[]) {
    // Lists travel as one JSON parameter: the driver would spread an array into separate values.
    const rows = await this.em.execute<{ import_key: string | null; email: string | null; hit_key: boolean }[]>(
      `with k as (select jsonb_array_elements_text(?::jsonb) as v), e as (select jsonb_array_elements_text(?::jsonb) as v)
       select import_key, lower(email) as email, import_key in (select v from k) as hit_key from clients
        where tenant_id = ? and (import_key in (select v from k) or lower(email) in (select v from e))`,
      [JSON.stringify(keys), JSON.stringify(emails), tenantId],
    );
    const wanted = new Set(emails);
    return {
      keys: new Set(rows.flatMap((r) => (r.hit_key && r.import_key ? [r.import_key] : []))),
      emails: new Set(rows.flatMap((r) => (r.email && wanted.has(r.email) ? [r.email] : []))),
    };
  }

  async flush(): Promise<void> {
    await this.em.flush();
    this.em.clear();
  }
}
