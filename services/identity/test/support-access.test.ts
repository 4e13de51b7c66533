import { SupportAccessRequested, SupportGrant } from '@homi/contracts';
import { as, memberOf, ownerOf, startIdentity, waitForKv, type Harness } from './harness';
import { signUp } from './fixtures';
import { inviteAndJoin } from './invite';
import { accessRequest, asSupport, movableClock, supportPaths as paths, supportUser } from './support-fixtures';
import { reconcileGrants } from '../src/application/project-grants';
import { eventsSince, sql } from './support';

const clock = movableClock();
let h: Harness;
let owner: { userId: string; tenantId: string };
const support = supportUser();
const colleague = supportUser();
beforeAll(async () => {
  h = await startIdentity({ clock: clock.now });
  owner = await signUp(h.server);
});
afterAll(() => h?.stop());
afterEach(() => clock.reset());

const asOwner = () => as(h, ownerOf(owner.userId, owner.tenantId));
const actions = async (tenantId = owner.tenantId) =>
  (await asOwner().get(`${paths.auditLog(tenantId)}?limit=100`)).body.items.map((e: { action: string }) => e.action).reverse();

async function ask(overrides: Record<string, unknown> = {}, who = support) {
  const res = await asSupport(h, who).post(paths.requests, accessRequest(h, owner.tenantId, overrides));
  expect(res.status).toBe(201);
  return res.body as { id: string; status: string };
}

describe('support access over HTTP', () => {
  it('goes from request to an approved, narrowed grant in KV, then revoked, all in the audit log', async () => {
    const since = new Date();
    const created = await ask();
    expect(created).toMatchObject({ status: 'pending', mode: 'read', modules: ['agenda', 'clients'], supportUserId: support, grant: null });
    expect(await sql(h, 'select recipient_user_id from support_access_notifications where request_id = $1', [created.id])).toEqual([{ recipient_user_id: owner.userId }]);
    const events = await eventsSince<{ requestId: string }>(h.nc, SupportAccessRequested.subject, since, (d) => d.requestId === created.id);
    expect(events).toHaveLength(1);

    const listed = await asOwner().get(paths.tenant(owner.tenantId));
    expect(listed.body.items[0]).toMatchObject({ id: created.id, status: 'pending' });

    const approved = await asOwner().post(paths.decide(owner.tenantId, created.id, 'approve'), { modules: ['agenda'], durationMinutes: 30 });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'active', decidedBy: owner.userId, grant: { modules: ['agenda'], mode: 'read', durationMinutes: 30 } });
    const { startsAt, expiresAt } = approved.body.grant;
    expect(new Date(expiresAt).getTime() - new Date(startsAt).getTime()).toBe(30 * 60_000);
    // In the bucket when the approval answers (timeout 0: no waiting for the event).
    const kv = await waitForKv<SupportGrant>(h.grants, created.id, (v) => v !== undefined, 0);
    expect(SupportGrant.parse(kv.value)).toEqual({
      requestId: created.id, tenantId: owner.tenantId, supportUserId: support, modules: ['agenda'], mode: 'read', approvedBy: owner.userId, startsAt, expiresAt,
    });

    const revoked = await asOwner().post(paths.decide(owner.tenantId, created.id, 'revoke'));
    expect(revoked.body).toMatchObject({ status: 'revoked' });
    await waitForKv(h.grants, created.id, (v) => v === undefined, 0);
    const again = await asOwner().post(paths.decide(owner.tenantId, created.id, 'revoke'));
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/\/support-access-invalid-transition$/);

    const log = (await asOwner().get(paths.auditLog(owner.tenantId))).body.items.filter((e: { details: { requestId?: string } }) => e.details.requestId === created.id);
    expect(log.map((e: { action: string }) => e.action)).toEqual(['support-access.revoked', 'support-access.approved', 'support-access.requested']);
    expect(log[1]).toMatchObject({ actor: { kind: 'member', userId: owner.userId }, details: { modules: ['agenda'], mode: 'read', durationMinutes: 30 } });
    expect(log[2]).toMatchObject({ actor: { kind: 'support', userId: support }, details: { ticketId: expect.stringMatching(/^tkt_/), reason: 'customer_initiated' } });
  });

  it('refuses write access without a second support user\'s co-approval, and grants it after one', async () => {
    const created = await ask({ mode: 'write' });
    expect(created.status).toBe('awaiting_co_approval');
    const refused = await asOwner().post(paths.decide(owner.tenantId, created.id, 'approve'));
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.type).toMatch(/\/support-co-approval-required$/);
    expect((await sql(h, 'select status from support_access_requests where id = $1', [created.id]))[0]).toEqual({ status: 'awaiting_co_approval' });

    const byRequester = await asSupport(h, support).post(paths.coApprove(created.id));
    expect(byRequester.status).toBe(403);
    expect(byRequester.body.type).toMatch(/\/support-co-approval-by-requester$/);
    const awaiting = await asSupport(h, colleague).get(`${paths.requests}?scope=awaiting_co_approval`);
    expect(awaiting.body.items.map((r: { id: string }) => r.id)).toContain(created.id);
    const coApproved = await asSupport(h, colleague).post(paths.coApprove(created.id));
    expect(coApproved.body).toMatchObject({ status: 'pending', coApprovedBy: colleague });
    const approved = await asOwner().post(paths.decide(owner.tenantId, created.id, 'approve'));
    expect(approved.body).toMatchObject({ status: 'active', grant: { mode: 'write' } });
    expect((await waitForKv<SupportGrant>(h.grants, created.id, (v) => v !== undefined)).value?.mode).toBe('write');
  });

  it('lets an owner narrow a write request to read and approve it without a co-approval', async () => {
    const created = await ask({ mode: 'write' });
    const approved = await asOwner().post(paths.decide(owner.tenantId, created.id, 'approve'), { mode: 'read' });
    expect(approved.body).toMatchObject({ status: 'active', mode: 'write', grant: { mode: 'read' }, coApprovedBy: null });
  });

  it('refuses an approval wider than the request, and any decision after a denial', async () => {
    const created = await ask();
    const wider = await asOwner().post(paths.decide(owner.tenantId, created.id, 'approve'), { modules: ['invoicing'], durationMinutes: 500 });
    expect(wider.status).toBe(400);
    expect(wider.body.errors.map((e: { path: string }) => e.path)).toEqual(['modules', 'durationMinutes']);
    expect((await asOwner().post(paths.decide(owner.tenantId, created.id, 'deny'))).body.status).toBe('denied');
    const late = await asOwner().post(paths.decide(owner.tenantId, created.id, 'approve'));
    expect(late.status).toBe(409);
    expect(await sql(h, 'select status, granted_modules from support_access_requests where id = $1', [created.id])).toEqual([{ status: 'denied', granted_modules: null }]);
  });

  it('expires a request nobody answered in 12 hours, and ends a grant at its time; both audited by the system', async () => {
    const unanswered = await ask();
    const granted = await ask({ durationMinutes: 5 });
    await asOwner().post(paths.decide(owner.tenantId, granted.id, 'approve'));
    await waitForKv(h.grants, granted.id, (v) => v !== undefined);

    clock.advance(6 * 60_000);
    await h.service.expiry.runOnce();
    await waitForKv(h.grants, granted.id, (v) => v === undefined);
    expect((await asSupport(h, support).get(paths.requests)).body.items.find((r: { id: string }) => r.id === granted.id)).toMatchObject({ status: 'ended' });
    expect((await sql(h, 'select status from support_access_requests where id = $1', [unanswered.id]))[0]).toEqual({ status: 'pending' });

    clock.advance(12 * 3600_000);
    const tooLate = await asOwner().post(paths.decide(owner.tenantId, unanswered.id, 'approve'));
    expect(tooLate.body.type).toMatch(/\/support-request-expired$/);
    await h.service.expiry.runOnce();
    expect((await sql(h, 'select status from support_access_requests where id = $1', [unanswered.id]))[0]).toEqual({ status: 'expired' });
    const log = await asOwner().get(paths.auditLog(owner.tenantId));
    const system = log.body.items.filter((e: { actor: { kind: string } }) => e.actor.kind === 'system');
    expect(system.map((e: { action: string; details: { requestId: string } }) => [e.action, e.details.requestId])).toEqual(
      expect.arrayContaining([['support-access.ended', granted.id], ['support-access.expired', unanswered.id]]),
    );
  });

  it('takes two concurrent decisions on one request one after the other', async () => {
    const created = await ask();
    const [a, b] = await Promise.all([
      asOwner().post(paths.decide(owner.tenantId, created.id, 'approve')),
      asOwner().post(paths.decide(owner.tenantId, created.id, 'deny')),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await sql(h, `select count(*)::int as n from tenant_audit_log where details->>'requestId' = $1`, [created.id])).toEqual([{ n: 2 }]);
  });
});

describe('who may do what with support access', () => {
  it('lets only support users ask, and not for an unknown tenant', async () => {
    const member = await as(h, { userId: owner.userId }).post(paths.requests, accessRequest(h, owner.tenantId));
    expect(member.status).toBe(403);
    expect(member.body.type).toMatch(/\/realm-role-required$/);
    const unknown = await asSupport(h, support).post(paths.requests, accessRequest(h, 'ten_doesnotexist0001'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toMatch(/\/tenant-not-found$/);
  });

  it('lets admins see but only owners decide; staff and support users under a grant see nothing', async () => {
    const created = await ask();
    const admin = await inviteAndJoin(h, owner, 'admin');
    const asAdmin = as(h, memberOf(admin.userId, owner.tenantId, 'admin'));
    expect((await asAdmin.get(paths.tenant(owner.tenantId))).status).toBe(200);
    expect((await asAdmin.get(paths.auditLog(owner.tenantId))).status).toBe(200);
    const decided = await asAdmin.post(paths.decide(owner.tenantId, created.id, 'approve'));
    expect(decided.status).toBe(403);
    expect(decided.body.type).toMatch(/\/support-decision-owner-required$/);
    const staff = as(h, memberOf(admin.userId, owner.tenantId, 'staff', { users: 'edit' }));
    expect((await staff.get(paths.auditLog(owner.tenantId))).body.type).toMatch(/\/tenant-owner-or-admin-required$/);
    const underGrant = as(h, { ...ownerOf(support, owner.tenantId), support: { requestId: created.id } });
    expect((await underGrant.get(paths.auditLog(owner.tenantId))).status).toBe(403);
    expect((await underGrant.post(paths.decide(owner.tenantId, created.id, 'approve'))).status).toBe(403);
  });

  it('answers 404 for another tenant\'s request, and for a request id that names nothing', async () => {
    const other = await signUp(h.server);
    const theirs = (await asSupport(h, support).post(paths.requests, accessRequest(h, other.tenantId))).body.id;
    expect((await asOwner().post(paths.decide(owner.tenantId, theirs, 'approve'))).status).toBe(404);
    expect((await asOwner().post(paths.decide(other.tenantId, theirs, 'approve'))).status).toBe(404);
    expect((await asOwner().post(paths.decide(owner.tenantId, 'sar_doesnotexist00001', 'deny'))).status).toBe(404);
    expect((await asSupport(h, colleague).post(paths.coApprove('sar_doesnotexist00001'))).status).toBe(404);
    expect((await asOwner().get(paths.tenant(owner.tenantId))).body.items.map((r: { id: string }) => r.id)).not.toContain(theirs);
    expect(await sql(h, 'select status from support_access_requests where id = $1', [theirs])).toEqual([{ status: 'pending' }]);
  });

  it('pages a support user\'s own requests newest first', async () => {
    const mine = supportUser();
    const ids = [(await ask({}, mine)).id, (await ask({}, mine)).id, (await ask({}, mine)).id];
    const first = await asSupport(h, mine).get(`${paths.requests}?limit=2`);
    expect(first.body.items.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
    const second = await asSupport(h, mine).get(`${paths.requests}?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    expect(await actions()).toContain('support-access.requested');
  });
});

describe('the tenant\'s list by status', () => {
  it('keeps only the statuses asked for, pages within them, and refuses a status that does not exist', async () => {
    const other = await signUp(h.server);
    const asOther = as(h, ownerOf(other.userId, other.tenantId));
    const asked = async () => (await asSupport(h, support).post(paths.requests, accessRequest(h, other.tenantId))).body.id as string;
    const [denied, active, pendingA, pendingB] = [await asked(), await asked(), await asked(), await asked()];
    expect((await asOther.post(paths.decide(other.tenantId, denied, 'deny'))).status).toBe(200);
    expect((await asOther.post(paths.decide(other.tenantId, active, 'approve'), {})).status).toBe(200);
    const ids = async (query: string) => {
      const res = await asOther.get(`${paths.tenant(other.tenantId)}?${query}`);
      expect(res.status).toBe(200);
      return res.body.items.map((r: { id: string }) => r.id);
    };
    expect(await ids('status=pending,awaiting_co_approval,active')).toEqual([pendingB, pendingA, active]);
    expect(await ids('status=denied,revoked,expired,ended')).toEqual([denied]);
    const first = await asOther.get(`${paths.tenant(other.tenantId)}?status=pending&limit=1`);
    expect(first.body.items.map((r: { id: string }) => r.id)).toEqual([pendingB]);
    expect(await ids(`status=pending&limit=1&cursor=${first.body.nextCursor}`)).toEqual([pendingA]);
    for (const query of ['status=', 'status=lost', 'status=pending,,active', 'status=PENDING']) {
      const res = await asOther.get(`${paths.tenant(other.tenantId)}?${query}`);
      expect([query, res.status, res.headers['content-type']]).toEqual([query, 400, expect.stringMatching(/problem\+json/)]);
    }
  });
});

describe('the grants bucket the gateway reads', () => {
  it('is reconciled at start: a missing active grant is put back, a stale key deleted', async () => {
    const created = await ask();
    await asOwner().post(paths.decide(owner.tenantId, created.id, 'approve'));
    await waitForKv(h.grants, created.id, (v) => v !== undefined);
    await h.grants.delete(created.id); // an event the projection never saw
    await h.grants.put('sar_stale00000000001', JSON.stringify({ requestId: 'sar_stale00000000001' })); // a grant revoked while NATS was away
    const result = await h.service.deps.uow.acrossTenants('the test reconciles every grant', (repositories) => reconcileGrants(repositories, h.service.grants, new Date()));
    expect(result.deleted).toBeGreaterThanOrEqual(1);
    expect((await h.grants.get(created.id))?.json()).toMatchObject({ requestId: created.id, tenantId: owner.tenantId });
    expect((await h.grants.get('sar_stale00000000001'))?.operation).not.toBe('PUT');
  });
});
