import type { EntityManager } from '@mikro-orm/postgresql';
import { fullPermissions } from '@homi/contracts';
import { enterAllTenants, enterTenantAsOwner, inAllTenantsTransaction } from '@homi/service-kit';
import { Membership } from '../src/domain/membership';
import { as, inTenant, ownerOf, startIdentity, type Harness } from './harness';
import { signUp, uniqueEmail } from './fixtures';
import { accessRequest, asSupport, supportPaths, supportUser } from './support-fixtures';

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
    const memberships = await inTenant(h, a.tenantId, (em) => em.execute<{ tenant_id: string }[]>('select tenant_id from memberships'));
    expect(memberships.map((r) => r.tenant_id)).toEqual([a.tenantId]);
    const users = await inTenant(h, a.tenantId, (em) => em.execute<{ id: string }[]>('select id from users'));
    expect(users.map((r) => r.id)).toEqual([a.userId]);
    const tenants = await inTenant(h, a.tenantId, (em) => em.execute<{ id: string }[]>('select id from tenants'));
    expect(tenants.map((r) => r.id)).toEqual([a.tenantId]);
  });

  it('refuses to write a membership of another tenant inside a tenant transaction', async () => {
    await expect(
      inTenant(h, a.tenantId, async (em) => em.persist(new Membership(b.tenantId, a.userId, 'owner', fullPermissions(), new Date()))),
    ).rejects.toThrow(/row-level security/);
  });

  it('lets a tenant transaction rename its own institute only, and change nothing else of it (ADR 74)', async () => {
    const renamed = await inTenant(h, a.tenantId, (em) => em.execute<{ id: string }[]>(`update tenants set institute_name = 'Hernoemd' returning id`));
    expect(renamed.map((r) => r.id)).toEqual([a.tenantId]);
    const other = await inTenant(h, a.tenantId, (em) => em.execute<{ id: string }[]>(`update tenants set institute_name = 'Gekaapt' where id = ? returning id`, [b.tenantId]));
    expect(other).toEqual([]);
    await expect(inTenant(h, a.tenantId, (em) => em.execute(`update tenants set kvk_number = '00000000'`))).rejects.toThrow(/permission denied/);
  });

  it('keeps the tenant role away from tables that are not about tenants', async () => {
    for (const table of ['signups', 'privacy_statement_acceptances']) {
      await expect(inTenant(h, a.tenantId, (em) => em.execute(`select * from ${table}`))).rejects.toThrow(/permission denied/);
    }
  });

  it('refuses an ORM query on memberships that was not given a tenant', async () => {
    await expect(h.service.orm.em.fork().find(Membership, {})).rejects.toThrow(/tenant/);
  });
});

// The harness connects as the database's owner, a role that is no superuser and has no BYPASSRLS, as
// production's CloudNativePG owner `homi`: forced row-level security applies to it too (ADR 4).
describe('identity as a non-superuser database owner', () => {
  const TENANT_TABLES = ['tenants', 'memberships', 'invitations', 'signups', 'support_access_requests', 'support_access_notifications', 'tenant_audit_log', 'tenant_audit_anchors', 'closed_tickets'];
  /** Tables the set-up below leaves empty: RLS forced on them is checked, their rows are not. */
  const EMPTY_HERE = ['tenant_audit_anchors', 'closed_tickets'];
  const tenantOf = (table: string) => (table === 'tenants' ? 'id' : 'tenant_id');
  type Seen = Record<string, string[]>;
  const seen = async (em: EntityManager): Promise<Seen> => {
    const result: Seen = {};
    for (const table of [...TENANT_TABLES.filter((t) => !EMPTY_HERE.includes(t)), 'users']) {
      const column = table === 'users' ? 'id' : tenantOf(table);
      const rows = await em.execute<{ v: string }[]>(`select distinct ${column} as v from ${table} order by 1`);
      result[table] = rows.map((r) => r.v);
    }
    return result;
  };
  const expected = (...who: { userId: string; tenantId: string }[]): Seen => {
    const tenants = who.map((w) => w.tenantId).sort();
    return {
      tenants, memberships: tenants, invitations: tenants, signups: tenants, support_access_requests: tenants, support_access_notifications: tenants, tenant_audit_log: tenants,
      users: who.map((w) => w.userId).sort(),
    };
  };

  beforeAll(async () => {
    for (const { userId, tenantId } of [a, b]) {
      expect((await asSupport(h, supportUser()).post(supportPaths.requests, accessRequest(h, tenantId))).status).toBe(201);
      const invited = await as(h, ownerOf(userId, tenantId)).post(`/api/v1/tenants/${tenantId}/members`, { email: uniqueEmail('collega'), role: 'staff', permissions: {} });
      expect(invited.status).toBe(202);
    }
  });

  it('runs as an owner that row-level security holds, forced on every table that holds a tenant\'s rows', async () => {
    const [me] = await h.service.orm.em.fork().execute('select rolsuper, rolbypassrls from pg_roles where rolname = current_user');
    expect(me).toEqual({ rolsuper: false, rolbypassrls: false });
    const forced = await h.service.orm.em.fork().execute<{ relname: string }[]>(
      `select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' and relforcerowsecurity order by relname`,
    );
    expect(forced.map((r) => r.relname)).toEqual([...TENANT_TABLES, 'users'].sort());
  });

  it('shows the owner no tenant\'s rows unless the transaction names its tenant or says it crosses tenants', async () => {
    expect(await h.service.orm.em.fork().transactional(seen)).toEqual(expected());
    const one = await h.service.orm.em.fork().transactional(async (em) => {
      await enterTenantAsOwner(em, a.tenantId);
      return seen(em);
    });
    expect(one).toEqual(expected(a));
    const all = await inAllTenantsTransaction(h.service.orm, seen);
    expect(all).toEqual(expected(a, b));
  });

  it('keeps a tenant transaction to its tenant even if it asks for all tenants', async () => {
    const asked = await inTenant(h, a.tenantId, async (em) => {
      await enterAllTenants(em);
      return em.execute<{ n: number }[]>(
        `select (select count(*) from memberships where tenant_id = ?)::int + (select count(*) from tenants where id = ?)::int
          + (select count(*) from users where id = ?)::int + (select count(*) from tenant_audit_log where tenant_id = ?)::int as n`,
        [b.tenantId, b.tenantId, b.userId, b.tenantId],
      );
    });
    expect(asked).toEqual([{ n: 0 }]);
  });

  it('leaves the tenant role reading and appending the audit log, never changing it', async () => {
    for (const statement of ['update tenant_audit_log set action = action', 'delete from tenant_audit_log', 'update tenant_audit_anchors set seq = seq']) {
      await expect(inTenant(h, a.tenantId, (em) => em.execute(statement))).rejects.toThrow(/permission denied/);
    }
  });
});
