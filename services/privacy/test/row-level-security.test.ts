import type { EntityManager } from '@mikro-orm/postgresql';
import { enterAllTenants, enterTenantAsOwner, inAllTenantsTransaction, inTenantTransaction, newId } from '@homi/service-kit';
import { TENANT_ROLE } from '../src/infrastructure/migrations/0005-tenant-usage-isolation';
import { startPrivacy, type Harness } from './harness';

// The harness connects as the database's owner, a role that is no superuser and has no BYPASSRLS, as
// production's owner: forced row-level security applies to it too (ADR 4).
let h: Harness;
const a = newId('ten');
const b = newId('ten');
beforeAll(async () => {
  h = await startPrivacy();
  await inAllTenantsTransaction(h.service.orm, async (em) => {
    for (const tenantId of [a, b]) {
      await em.execute(`insert into tenant_usage_daily (tenant_id, day, module, actions, requests) values (?, current_date, 'clients', 1, 0)`, [tenantId]);
    }
  });
}, 60_000);
afterAll(() => h?.dispose());

const tenantsSeen = async (em: EntityManager) =>
  (await em.execute<{ tenant_id: string }[]>('select distinct tenant_id from tenant_usage_daily order by 1')).map((r) => r.tenant_id);

describe("privacy's tenant rows under forced row-level security", () => {
  it('runs as an owner that row-level security holds, forced on the institutes\' own usage counts', async () => {
    const [me] = await h.service.orm.em.fork().execute('select rolsuper, rolbypassrls from pg_roles where rolname = current_user');
    expect(me).toEqual({ rolsuper: false, rolbypassrls: false });
    const forced = await h.service.orm.em.fork().execute<{ relname: string }[]>(
      `select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' and relforcerowsecurity order by relname`,
    );
    expect(forced.map((r) => r.relname)).toEqual(['tenant_usage_daily']);
  });

  it('shows the owner no institute\'s counts unless the transaction names the institute or says it crosses tenants', async () => {
    expect(await h.service.orm.em.fork().transactional(tenantsSeen)).toEqual([]);
    const one = await h.service.orm.em.fork().transactional(async (em) => {
      await enterTenantAsOwner(em, a);
      return tenantsSeen(em);
    });
    expect(one).toEqual([a]);
    expect(await inAllTenantsTransaction(h.service.orm, tenantsSeen)).toEqual([a, b].sort());
  });

  it('keeps a member\'s transaction to its institute even if it asks for all tenants, and lets it only read', async () => {
    // A member's transaction, as the unit of work's forTenant opens it (readTenantUsage).
    const seen = await inTenantTransaction(h.service.orm, a, TENANT_ROLE, async (em) => {
      await enterAllTenants(em);
      return tenantsSeen(em);
    });
    expect(seen).toEqual([a]);
    for (const statement of ['update tenant_usage_daily set actions = 0', 'delete from tenant_usage_daily']) {
      await expect(inTenantTransaction(h.service.orm, a, TENANT_ROLE, (em) => em.execute(statement))).rejects.toThrow(/permission denied/);
    }
  });
});
