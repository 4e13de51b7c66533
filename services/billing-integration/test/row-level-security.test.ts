import type { EntityManager } from '@mikro-orm/postgresql';
import { enterAllTenants } from '@homi/service-kit';
import { as, connectBody, owner, scopeOf, startHarness, type Harness } from './harness';

// The harness's database owner is no superuser and has no BYPASSRLS (as production's), so the
// policies hold it too; these tests pin what the tenant role may do with the all-tenants escape.
let h: Harness;
const a = owner();
const b = owner();
beforeAll(async () => {
  h = await startHarness();
  for (const caller of [a, b]) expect((await as(h, caller).put('/integrations/factuursturen', connectBody())).status).toBe(200);
}, 60_000);
afterAll(() => h?.stop());

const tenantsIn = async (em: EntityManager, table: string) =>
  [...new Set((await em.execute<{ tenant_id: string }[]>(`select tenant_id from ${table}`)).map((r) => r.tenant_id))].sort();

describe('billing-integration row-level security', () => {
  it('is forced on every table of tenant rows, the marks of provider calls too', async () => {
    const tables = await h.billing.orm.em.fork().execute<{ relname: string; forced: boolean }[]>(
      `select c.relname, c.relforcerowsecurity as forced from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id'
        where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' order by c.relname`,
    );
    expect(tables.filter((t) => !t.forced).map((t) => t.relname)).toEqual([]);
    expect(tables.map((t) => t.relname)).toEqual(expect.arrayContaining(['client_mappings', 'invoices', 'provider_calls']));
  });

  it('sees every tenant in work that declares itself cross-tenant', async () => {
    const seen = await scopeOf(h.billing).acrossTenants((em) => tenantsIn(em, 'connections'));
    expect(seen).toEqual(expect.arrayContaining([a.tenantId, b.tenantId]));
  });

  it('keeps a tenant transaction to its tenant even if it asks for all tenants', async () => {
    const seen = await scopeOf(h.billing).run(a.tenantId, async (em) => {
      await enterAllTenants(em);
      return { connections: await tenantsIn(em, 'connections'), consent: await tenantsIn(em, 'consent_records') };
    });
    expect(seen).toEqual({ connections: [a.tenantId], consent: [a.tenantId] });
  });

  it('lets no tenant transaction write another tenant\'s rows, escape or not', async () => {
    const changed = await scopeOf(h.billing).run(a.tenantId, async (em) => {
      await enterAllTenants(em);
      return em.getConnection().execute(`update connections set share_client_data = false where tenant_id = ?`, [b.tenantId], 'run');
    });
    expect(changed).toMatchObject({ affectedRows: 0 });
    await expect(
      scopeOf(h.billing).run(a.tenantId, async (em) => {
        await enterAllTenants(em);
        await em.execute(`insert into client_mappings (tenant_id, client_id, status, created_at, updated_at) values (?, 'cli_x', 'pending', now(), now())`, [b.tenantId]);
      }),
    ).rejects.toThrow(/row-level security/);
    const share = await scopeOf(h.billing).acrossTenants((em) => em.execute<{ share_client_data: boolean }[]>(`select share_client_data from connections where tenant_id = ?`, [b.tenantId]));
    expect(share).toEqual([{ share_client_data: true }]);
  });
});
