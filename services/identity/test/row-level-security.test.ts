import { fullPermissions } from '@homi/contracts';
import { Membership } from '../src/domain/membership';
import { startIdentity, type Harness } from './harness';
import { signUp } from './fixtures';

let h: Harness;
let a: { userId: string; tenantId: string };
let b: { userId: string; tenantId: string };
beforeAll(async () => {
  h = await startIdentity();
  a = await signUp(h.server);
  b = await signUp(h.server);
});
afterAll(() => h?.stop());

describe('tenant isolation of memberships', () => {
  it('shows a tenant transaction only its own memberships and members, whatever the query says', async () => {
    const scopes = h.service.deps.scopes;
    const memberships = await scopes.tenant(a.tenantId, (em) => em.execute<{ tenant_id: string }[]>('select tenant_id from memberships'));
    expect(memberships.map((r) => r.tenant_id)).toEqual([a.tenantId]);
    const users = await scopes.tenant(a.tenantId, (em) => em.execute<{ id: string }[]>('select id from users'));
    expect(users.map((r) => r.id)).toEqual([a.userId]);
    const tenants = await scopes.tenant(a.tenantId, (em) => em.execute<{ id: string }[]>('select id from tenants'));
    expect(tenants.map((r) => r.id)).toEqual([a.tenantId]);
  });

  it('refuses to write a membership of another tenant inside a tenant transaction', async () => {
    await expect(
      h.service.deps.scopes.tenant(a.tenantId, async (em) => em.persist(new Membership(b.tenantId, a.userId, 'owner', fullPermissions(), new Date()))),
    ).rejects.toThrow(/row-level security/);
  });

  it('keeps the tenant role away from tables that are not about tenants', async () => {
    for (const table of ['signups', 'privacy_statement_acceptances']) {
      await expect(h.service.deps.scopes.tenant(a.tenantId, (em) => em.execute(`select * from ${table}`))).rejects.toThrow(/permission denied/);
    }
  });

  it('refuses an ORM query on memberships that was not given a tenant', async () => {
    await expect(h.service.orm.em.fork().find(Membership, {})).rejects.toThrow(/tenant/);
  });
});
