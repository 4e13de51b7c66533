import { enterAllTenants, inAllTenantsTransaction, newId } from '@homi/service-kit';
import { Client } from '../src/domain/client';
import { startTenantData, type Harness } from './harness';

// The harness connects as the database's owner, a role that is no superuser and has no BYPASSRLS,
// as production's CloudNativePG owner `homi`: forced row-level security applies to it (ADR 4).
let h: Harness;
const a = newId('ten');
const b = newId('ten');
beforeAll(async () => {
  h = await startTenantData();
  for (const tenantId of [a, b]) await h.scope.run(tenantId, async (em) => em.persist(new Client(newId('cli'), tenantId, 'Client', new Date())));
});
afterAll(() => h?.stop());

const tenantsSeen = (rows: { tenant_id: string }[]) => [...new Set(rows.map((r) => r.tenant_id))].sort();

describe('tenant-data as a non-superuser database owner', () => {
  it('runs as an owner that row-level security holds', async () => {
    const [me] = await h.service.orm.em.fork().execute('select rolsuper, rolbypassrls from pg_roles where rolname = current_user');
    expect(me).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it('sees no tenant rows as the owner unless the work names a tenant or says it is for all tenants', async () => {
    const plain = await h.service.orm.em.fork().transactional((em) => em.execute<{ tenant_id: string }[]>('select tenant_id from clients'));
    expect(plain).toEqual([]);
    const all = await inAllTenantsTransaction(h.service.orm, (em) => em.execute<{ tenant_id: string }[]>('select tenant_id from clients'));
    expect(tenantsSeen(all)).toEqual([a, b].sort());
  });

  it('keeps a tenant transaction to its tenant even if it asks for all tenants', async () => {
    const seen = await h.scope.run(a, async (em) => {
      await enterAllTenants(em);
      return em.execute<{ tenant_id: string }[]>('select tenant_id from clients');
    });
    expect(tenantsSeen(seen)).toEqual([a]);
    await expect(
      h.scope.run(a, async (em) => {
        await enterAllTenants(em);
        await em.execute(`update clients set name = 'taken' where tenant_id = ?`, [b]);
        return em.execute<{ name: string }[]>(`select name from clients where tenant_id = ?`, [b]);
      }),
    ).resolves.toEqual([]);
  });

  it('does not keep the all-tenants escape past its transaction', async () => {
    await inAllTenantsTransaction(h.service.orm, (em) => em.execute('select 1'));
    const after = await h.service.orm.em.fork().transactional((em) => em.execute<{ tenant_id: string }[]>('select tenant_id from clients'));
    expect(after).toEqual([]);
  });
});
