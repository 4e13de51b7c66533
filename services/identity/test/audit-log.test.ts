import { jetstream } from '@nats-io/jetstream';
import { headers } from '@nats-io/nats-core';
import { TenantActionPerformed, type TenantActionPerformed as Action } from '@homi/contracts';
import { inAllTenantsTransaction } from '@homi/service-kit';
import { verifyAuditCommand } from '../src/cli/verify-audit-command';
import { appendAudit } from '../src/infrastructure/audit-log';
import { as, inTenant, ownerOf, type Harness } from './harness';
import { signUp, startWithOwner, uniqueEmail } from './fixtures';
import { inviteAndJoin } from './invite';
import { accessRequest, asSupport, supportPaths as paths, supportUser } from './support-fixtures';
import { eventually, sql, tamperWithAuditRow } from './support';

let h: Harness;
let owner: { userId: string; tenantId: string };
beforeAll(async () => ({ h, owner } = await startWithOwner()));
afterAll(() => h?.stop());

const asOwner = (tenant = owner) => as(h, ownerOf(tenant.userId, tenant.tenantId));
type Entry = { seq: number; action: string; actor: { kind: string; userId?: string }; details: Record<string, unknown>; hash: string };
const entries = async (tenant = owner): Promise<Entry[]> => (await asOwner(tenant).get(`${paths.auditLog(tenant.tenantId)}?limit=100`)).body.items;

async function publishAction(action: Action, msgId = action.eventId) {
  const js = jetstream(h.nc);
  await js.publish(TenantActionPerformed.subject, JSON.stringify(action), { msgID: msgId, headers: headers() });
}

const verify = async () => {
  const lines: string[] = [];
  const code = await verifyAuditCommand({ IDENTITY_DATABASE_URL: h.databaseUrl }, (l) => void lines.push(l));
  return { code, output: lines.join('') };
};

describe('tenant audit log', () => {
  it('records member additions, changes and removals with ids only, newest first', async () => {
    const added = await inviteAndJoin(h, owner, 'staff', { agenda: 'view' }, { email: uniqueEmail('collega') });
    const path = `/api/v1/tenants/${owner.tenantId}/members/${added.userId}`;
    await asOwner().patch(path, { permissions: { clients: 'edit' } });
    await asOwner().delete(path);
    const log = await entries();
    expect(log.slice(0, 3).map((e) => e.action)).toEqual(['member.removed', 'member.changed', 'member.added']);
    expect(log[1]).toMatchObject({ actor: { kind: 'member', userId: owner.userId }, details: { userId: added.userId, previous: { permissions: { clients: 'none' } } } });
    expect(JSON.stringify(log)).not.toMatch(/Bram|collega\./);
    expect(log.map((e) => e.seq)).toEqual([...log.map((e) => e.seq)].sort((a, b) => b - a));
  });

  it('appends a support user\'s call from the AUDIT stream once, however often it is delivered', async () => {
    const eventId = `req-${Date.now()}`;
    const action: Action = {
      eventId, tenantId: owner.tenantId, actor: { kind: 'support', userId: supportUser() }, supportRequestId: 'sar_0000000000000001',
      method: 'GET', route: '/tenants/:tenantId/clients/:clientId', resourceIds: { clientId: 'cli_0000000000000001' }, occurredAt: new Date().toISOString(),
    };
    await publishAction(action);
    await publishAction(action); // the same message id: JetStream drops it
    await publishAction(action, `${eventId}-republished`); // a new message id, the same event: the log drops it
    const count = () => sql<{ n: number }>(h, 'select count(*)::int as n from tenant_audit_log where source_event_id = $1', [eventId]);
    await eventually(async () => (await count())[0]?.n === 1, 'the support call in the audit log');
    await publishAction({ ...action, eventId: `${eventId}-marker` });
    await eventually(async () => (await sql(h, 'select 1 from tenant_audit_log where source_event_id = $1', [`${eventId}-marker`])).length === 1, 'the marker');
    expect((await count())[0]?.n).toBe(1);
    const entry = (await entries()).find((e) => e.details.route === action.route);
    expect(entry).toMatchObject({ action: 'support.action', actor: action.actor, details: { method: 'GET', resourceIds: action.resourceIds, supportRequestId: action.supportRequestId } });
  });

  it('refuses to update or delete a row, even as the service\'s own role', async () => {
    await expect(sql(h, `update tenant_audit_log set action = 'x' where tenant_id = $1`, [owner.tenantId])).rejects.toThrow(/append-only/);
    await expect(sql(h, 'delete from tenant_audit_log where tenant_id = $1', [owner.tenantId])).rejects.toThrow(/append-only/);
    await expect(sql(h, 'truncate tenant_audit_log')).rejects.toThrow(/append-only/);
  });

  it('keeps one unbroken chain when many appends for one tenant run at once', async () => {
    const tenant = await signUp(h.server);
    const orm = h.service.orm;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        inAllTenantsTransaction(orm, (em) => appendAudit(em, { tenantId: tenant.tenantId, at: new Date(), actor: { kind: 'system' }, action: 'test.append', details: { i } })),
      ),
    );
    const rows = await sql<{ seq: string; prev_hash: string; hash: string }>(h, 'select seq, prev_hash, hash from tenant_audit_log where tenant_id = $1 order by seq', [tenant.tenantId]);
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    rows.slice(1).forEach((r, i) => expect(r.prev_hash).toBe(rows[i]?.hash));
    expect((await verify()).code).toBe(0);
  });

  it('pages newest first with a cursor, and refuses a cursor it did not give', async () => {
    const all = await entries();
    const first = await asOwner().get(`${paths.auditLog(owner.tenantId)}?limit=2`);
    expect(first.body.items.map((e: Entry) => e.seq)).toEqual(all.slice(0, 2).map((e) => e.seq));
    const next = await asOwner().get(`${paths.auditLog(owner.tenantId)}?limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body.items.map((e: Entry) => e.seq)).toEqual(all.slice(2, 4).map((e) => e.seq));
    for (const query of ['limit=0', 'limit=101', 'cursor=abc', 'cursor=-1', 'cursor=99999999999999999', 'tenantId=ten_other0000000001']) {
      const res = await asOwner().get(`${paths.auditLog(owner.tenantId)}?${query}`);
      expect([query, res.status, res.headers['content-type']]).toEqual([query, 400, expect.stringMatching(/problem\+json/)]);
    }
  });

  it('shows a tenant only its own log', async () => {
    const other = await signUp(h.server);
    expect((await asOwner().get(paths.auditLog(other.tenantId))).status).toBe(404);
    await asOwner(other).post(`/api/v1/tenants/${other.tenantId}/members`, { email: uniqueEmail(), name: 'Anders Iemand', role: 'staff' });
    expect((await entries(other)).map((e) => e.action)).toEqual(['member.invited']);
    expect((await entries()).some((e) => e.actor.userId === other.userId)).toBe(false);
    // Row-level security, under the code: the tenant scope cannot read another tenant's rows even by naming them.
    const seen = await inTenant(h, owner.tenantId, (em) =>
      em.execute<{ n: string }[]>('select count(*) as n from tenant_audit_log where tenant_id = ?', [other.tenantId]),
    );
    expect(Number(seen[0]?.n)).toBe(0);
  });

  it('filters by who, by action or category, and to support only, paging within the filter', async () => {
    const tenant = await signUp(h.server);
    const asTenantOwner = asOwner(tenant);
    const joined = await inviteAndJoin(h, tenant, 'staff', { agenda: 'view' }, { email: uniqueEmail('filter') });
    await asTenantOwner.patch(`/api/v1/tenants/${tenant.tenantId}/members/${joined.userId}`, { permissions: { clients: 'view' } });
    await asTenantOwner.patch(`/api/v1/tenants/${tenant.tenantId}/members/${joined.userId}`, { permissions: { clients: 'edit' } });
    const agent = supportUser();
    const asked = await asSupport(h, agent).post(paths.requests, accessRequest(h, tenant.tenantId));
    await asTenantOwner.post(`${paths.tenant(tenant.tenantId)}/${asked.body.id}/deny`);
    const page = async (query: string) => {
      const res = await asTenantOwner.get(`${paths.auditLog(tenant.tenantId)}?${query}`);
      expect([query, res.status]).toEqual([query, 200]);
      return res.body as { items: Entry[]; nextCursor: string | null };
    };
    const actionsOf = async (query: string) => (await page(query)).items.map((e) => e.action);

    expect(await actionsOf(`actor=${joined.userId}`)).toEqual(['member.added']);
    expect(await actionsOf('action=member.changed')).toEqual(['member.changed', 'member.changed']);
    expect(await actionsOf('action=member')).toEqual(['member.changed', 'member.changed', 'member.added', 'member.invited']);
    expect(await actionsOf('support=true')).toEqual(['support-access.denied', 'support-access.requested']);
    expect(await actionsOf('support=false')).toEqual(['member.changed', 'member.changed', 'member.added', 'member.invited']);
    expect(await actionsOf(`support=true&actor=${tenant.userId}`)).toEqual(['support-access.denied']);
    expect(await actionsOf(`actor=${agent}&action=support-access.requested`)).toEqual(['support-access.requested']);
    expect(await actionsOf(`actor=${agent}&action=member`)).toEqual([]);
    // The cursor pages within the filter.
    const first = await page('action=member&limit=3');
    expect(first.items.map((e) => e.action)).toEqual(['member.changed', 'member.changed', 'member.added']);
    expect((await page(`action=member&limit=3&cursor=${first.nextCursor}`)).items.map((e) => e.action)).toEqual(['member.invited']);

    for (const query of ['actor=someone', 'actor=', 'action=member.danced', 'action=MEMBER', 'action=', 'support=yes', 'support=1', 'support=true&support=false']) {
      const res = await asTenantOwner.get(`${paths.auditLog(tenant.tenantId)}?${query}`);
      expect([query, res.status, res.headers['content-type']]).toEqual([query, 400, expect.stringMatching(/problem\+json/)]);
    }
  });

  it('lets the verification command name the first altered row', async () => {
    expect(await verify()).toMatchObject({ code: 0, output: expect.stringMatching(/^ok: \d+ rows in \d+ tenant chains verified/) });
    await tamperWithAuditRow(h, owner.tenantId, 1, `details = jsonb_set(details, '{role}', '"owner"')`);
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.output).toContain(`BROKEN: tenant ${owner.tenantId}, audit row seq 1: hash does not match`);
  });

  it('tells the tenant whether its own chain verifies, and names the first altered entry when not', async () => {
    const tenant = await signUp(h.server);
    await asOwner(tenant).post(`/api/v1/tenants/${tenant.tenantId}/members`, { email: uniqueEmail(), role: 'staff' });
    await asOwner(tenant).post(`/api/v1/tenants/${tenant.tenantId}/members`, { email: uniqueEmail(), role: 'staff' });
    const verification = () => asOwner(tenant).get(`${paths.auditLog(tenant.tenantId)}/verification`);
    const before = await verification();
    expect(before.status).toBe(200);
    expect(before.headers['cache-control']).toBe('no-store');
    expect(before.body).toEqual({ verified: true, entries: 2, checkedAt: expect.any(String), firstBroken: null });
    // Another tenant's chain is not this tenant's business, broken or not (the owner's was altered above).
    expect((await asOwner().get(`${paths.auditLog(owner.tenantId)}/verification`)).body).toMatchObject({ verified: false, firstBroken: { seq: 1, problem: 'hash' } });

    await tamperWithAuditRow(h, tenant.tenantId, 2, `actor_user_id = 'usr_someoneelse0001'`);
    expect((await verification()).body).toEqual({ verified: false, entries: 2, checkedAt: expect.any(String), firstBroken: { seq: 2, problem: 'hash' } });
    expect((await asOwner(tenant).get(`${paths.auditLog(tenant.tenantId)}/verification?full=1`)).status).toBe(400);
    const other = await signUp(h.server);
    expect((await asOwner(other).get(`${paths.auditLog(tenant.tenantId)}/verification`)).status).toBe(404);
  });
});
