import { as, memberOf, ownerOf, waitForKv, type Harness } from './harness';
import { signUp, startWithOwner, uniqueEmail } from './fixtures';
import { inviteAndJoin, invitationToken } from './invite';
import { canLogIn, sql } from './support';

let h: Harness;
let owner: { userId: string; tenantId: string };
beforeAll(async () => ({ h, owner } = await startWithOwner()));
afterAll(() => h?.stop());

const path = (tenantId: string, userId = '') => `/api/v1/tenants/${tenantId}/members${userId ? `/${userId}` : ''}`;
const asOwner = () => as(h, ownerOf(owner.userId, owner.tenantId));
type KvMembership = { role: string; permissions: Record<string, string> };

// Adding a colleague is an invitation the invitee accepts (ADR invitations): the helpers invite,
// read the mail from the catcher and sign up through it, or accept with an existing account.
const addColleague = (role: 'owner' | 'admin' | 'staff', permissions: Record<string, string> = {}) => inviteAndJoin(h, owner, role, permissions);

describe('members', () => {
  it('invites a colleague with clients:view who signs up through the mail: an account in the identity provider and the membership in KV within a second', async () => {
    const email = uniqueEmail('collega');
    const res = await asOwner().post(path(owner.tenantId), { email, name: 'Bram Collega', role: 'staff', permissions: { clients: 'view' } });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ email, role: 'staff', status: 'pending', permissions: { clients: 'view', agenda: 'none', users: 'none' } });
    expect(await h.service.deps.idp.findByEmail(email)).toBeUndefined();

    const colleague = await inviteAndJoin(h, owner, 'staff', { clients: 'view' }, { email: uniqueEmail('collega') });
    const account = await h.service.deps.idp.findByEmail(colleague.email);
    expect(account).toMatchObject({ id: colleague.userId, emailVerified: true });
    const kv = await waitForKv<KvMembership>(h.memberships, `${colleague.userId}.${owner.tenantId}`, (v) => v?.permissions.clients === 'view', 1000);
    expect(kv.ms).toBeLessThan(1000);
    expect(await canLogIn(h.issuer.issuer, colleague.email, colleague.password)).toBe(true);
    const list = await asOwner().get(path(owner.tenantId));
    expect(list.body.items.map((m: { userId: string }) => m.userId)).toEqual([owner.userId, colleague.userId]);
  });

  it('changes a colleague to clients:edit, and the KV copy the gateway reads follows within a second', async () => {
    const colleague = await addColleague('staff', { clients: 'view' });
    const res = await asOwner().patch(path(owner.tenantId, colleague.userId), { permissions: { clients: 'edit' } });
    expect(res.status).toBe(200);
    expect(res.body.permissions.clients).toBe('edit');
    const kv = await waitForKv<KvMembership>(h.memberships, `${colleague.userId}.${owner.tenantId}`, (v) => v?.permissions.clients === 'edit', 1000);
    expect(kv.ms).toBeLessThan(1000);
  });

  it('removes a colleague, whose KV entry is then deleted; the account stays', async () => {
    const colleague = await addColleague('staff', { agenda: 'edit' });
    await waitForKv(h.memberships, `${colleague.userId}.${owner.tenantId}`, (v) => v !== undefined);
    expect((await asOwner().delete(path(owner.tenantId, colleague.userId))).status).toBe(204);
    const kv = await waitForKv(h.memberships, `${colleague.userId}.${owner.tenantId}`, (v) => v === undefined, 1000);
    expect(kv.ms).toBeLessThan(1000);
    expect(await h.service.deps.idp.getUser(colleague.userId)).toBeDefined();
  });

  it('links an existing account only once it accepts, never before', async () => {
    const other = await signUp(h.server);
    const since = Date.now();
    const res = await asOwner().post(path(owner.tenantId), { email: other.email.toUpperCase(), role: 'admin' });
    expect(res.status).toBe(202);
    const before = await as(h, { userId: other.userId }).get('/api/v1/me');
    expect(before.body.memberships.map((m: { tenantId: string }) => m.tenantId)).toEqual([other.tenantId]);
    const token = await invitationToken(h, other.email, since);
    const accepted = await as(h, { userId: other.userId }).post('/api/v1/invitation-acceptances', { token });
    expect(accepted.status).toBe(200);
    const member = (await asOwner().get(path(owner.tenantId))).body.items.find((m: { userId: string }) => m.userId === other.userId);
    expect(member).toMatchObject({ userId: other.userId, name: 'Anna de Vries', role: 'admin', permissions: { invoicing: 'edit' } });
    const me = await as(h, { userId: other.userId }).get('/api/v1/me');
    expect(me.body.memberships.map((m: { tenantId: string }) => m.tenantId).sort()).toEqual([other.tenantId, owner.tenantId].sort());
    expect((await asOwner().post(path(owner.tenantId), { email: other.email, role: 'staff' })).body.type).toMatch(/already-member$/);
  });

  it('answers an invitation the same for an address with an account, without one, and of an account being deleted', async () => {
    const [withAccount, deleted] = [await signUp(h.server), await signUp(h.server)];
    expect((await as(h, { userId: deleted.userId }).delete('/api/v1/me')).status).toBe(202);
    const answers = [];
    for (const email of [withAccount.email, uniqueEmail('niemand'), deleted.email]) {
      const res = await asOwner().post(path(owner.tenantId), { email, role: 'staff' });
      answers.push({ status: res.status, keys: Object.keys(res.body).sort(), invitationStatus: res.body.status, location: /\/invitations\/ivt_/.test(res.headers.location ?? '') });
      expect(res.body).not.toHaveProperty('userId');
      expect(res.body).not.toHaveProperty('name');
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ status: 202, invitationStatus: 'pending', location: true });
    // Nobody was added: the owner is still the only member besides those who accepted.
    expect(await sql(h, 'select count(*)::int as n from memberships where user_id = any($1)', [[withAccount.userId, deleted.userId]])).toEqual([{ n: 2 }]);
  });
});

describe('the staff list (agenda:view)', () => {
  const staffPath = (tenantId: string) => `/api/v1/tenants/${tenantId}/staff`;

  it('names every colleague by id and name for a receptionist with agenda:view and no users:view', async () => {
    const receptionist = await addColleague('staff', { agenda: 'edit' });
    const stylist = await addColleague('staff', { agenda: 'view' });
    const api = as(h, memberOf(receptionist.userId, owner.tenantId, 'staff', { agenda: 'edit' }));
    expect((await api.get(path(owner.tenantId))).status).toBe(403);
    const res = await api.get(staffPath(owner.tenantId));
    expect(res.status).toBe(200);
    const ids = res.body.items.map((m: { userId: string }) => m.userId);
    expect(ids).toEqual(expect.arrayContaining([owner.userId, receptionist.userId, stylist.userId]));
    // Only the id and the name: no address, role or permissions leave through agenda:view.
    for (const item of res.body.items) expect(Object.keys(item).sort()).toEqual(['name', 'userId']);
    const members = (await asOwner().get(path(owner.tenantId))).body.items as { userId: string; name: string }[];
    expect(res.body.items).toEqual(members.map(({ userId, name }) => ({ userId, name })));
  });

  it('refuses a colleague without agenda:view (403), and another institute (404)', async () => {
    const bookkeeper = await addColleague('staff', { invoicing: 'edit' });
    const refused = await as(h, memberOf(bookkeeper.userId, owner.tenantId, 'staff', { invoicing: 'edit' })).get(staffPath(owner.tenantId));
    expect(refused.status).toBe(403);
    expect(refused.body.type).toMatch(/\/module-permission-required$/);
    const other = await signUp(h.server);
    expect((await as(h, ownerOf(other.userId, other.tenantId)).get(staffPath(owner.tenantId))).status).toBe(404);
  });
});

describe('who may change what', () => {
  it('refuses to remove the last owner (409 last-owner), also when the owner leaves', async () => {
    const solo = await signUp(h.server);
    const res = await as(h, ownerOf(solo.userId, solo.tenantId)).delete(path(solo.tenantId, solo.userId));
    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/\/last-owner$/);
    expect(await sql(h, 'select role from memberships where tenant_id = $1', [solo.tenantId])).toEqual([{ role: 'owner' }]);
  });

  it('keeps an owner when two owners demote each other at the same time', async () => {
    const solo = await signUp(h.server);
    const first = as(h, ownerOf(solo.userId, solo.tenantId));
    const second = (await inviteAndJoin(h, solo, 'owner')).userId;
    const results = await Promise.all([
      first.patch(path(solo.tenantId, second), { role: 'admin' }),
      as(h, ownerOf(second, solo.tenantId)).patch(path(solo.tenantId, solo.userId), { role: 'admin' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 403].sort());
    expect(await sql(h, `select count(*)::int as n from memberships where tenant_id = $1 and role = 'owner'`, [solo.tenantId])).toEqual([{ n: 1 }]);
  });

  it('lets an owner remove or demote another owner while one remains', async () => {
    const co = await addColleague('owner');
    expect((await asOwner().patch(path(owner.tenantId, co.userId), { role: 'staff' })).body.role).toBe('staff');
    expect((await asOwner().delete(path(owner.tenantId, co.userId))).status).toBe(204);
  });

  it('does not let an admin touch owners or make owners', async () => {
    const admin = await addColleague('admin');
    const api = as(h, memberOf(admin.userId, owner.tenantId, 'admin'));
    const demote = await api.patch(path(owner.tenantId, owner.userId), { role: 'staff' });
    expect(demote.status).toBe(403);
    expect(demote.body.type).toMatch(/\/owner-role-required$/);
    expect((await api.delete(path(owner.tenantId, owner.userId))).status).toBe(403);
    expect((await api.post(path(owner.tenantId), { email: uniqueEmail('nieuw'), name: 'Nieuwe Eigenaar', role: 'owner' })).status).toBe(403);
    const staff = await inviteAndJoin(h, owner, 'staff', { agenda: 'edit' }, { inviter: memberOf(admin.userId, owner.tenantId, 'admin') });
    expect((await api.patch(path(owner.tenantId, staff.userId), { role: 'owner' })).status).toBe(403);
  });

  it('does not let anyone change their own role or permissions', async () => {
    const admin = await addColleague('admin');
    const res = await as(h, memberOf(admin.userId, owner.tenantId, 'admin')).patch(path(owner.tenantId, admin.userId), { role: 'owner' });
    expect(res.status).toBe(403);
    expect(res.body.type).toMatch(/\/own-membership$/);
    expect((await asOwner().patch(path(owner.tenantId, owner.userId), { role: 'admin' })).body.type).toMatch(/\/own-membership$/);
  });

  it('does not let staff with users:edit grant more than they hold', async () => {
    const lead = await addColleague('staff', { users: 'edit', agenda: 'edit' });
    const api = as(h, memberOf(lead.userId, owner.tenantId, 'staff', { users: 'edit', agenda: 'edit' }));
    const body = (permissions: Record<string, string>, role = 'staff') => ({ email: uniqueEmail('st'), name: 'Stagiair Een', role, permissions });
    expect((await api.post(path(owner.tenantId), body({ agenda: 'edit' }))).status).toBe(202);
    expect((await api.post(path(owner.tenantId), body({ invoicing: 'view' }))).body.type).toMatch(/\/permission-not-allowed$/);
    expect((await api.post(path(owner.tenantId), body({}, 'admin'))).body.type).toMatch(/\/role-not-allowed$/);
  });

  it('answers 403 to a caller without users:view, and to one with view only when changing', async () => {
    const none = await addColleague('staff', { agenda: 'edit' });
    const refused = await as(h, memberOf(none.userId, owner.tenantId, 'staff', { agenda: 'edit' })).get(path(owner.tenantId));
    expect(refused.status).toBe(403);
    expect(refused.body.type).toMatch(/\/module-permission-required$/);
    const viewer = as(h, memberOf(none.userId, owner.tenantId, 'staff', { users: 'view' }));
    expect((await viewer.get(path(owner.tenantId))).status).toBe(200);
    expect((await viewer.post(path(owner.tenantId), { email: uniqueEmail(), name: 'X Y', role: 'staff' })).status).toBe(403);
  });

  it('answers 404 to a caller of one tenant for another tenant\'s members', async () => {
    const other = await signUp(h.server);
    const mine = as(h, ownerOf(owner.userId, owner.tenantId));
    expect((await mine.get(path(other.tenantId))).status).toBe(404);
    expect((await mine.post(path(other.tenantId), { email: uniqueEmail(), name: 'X Y', role: 'staff' })).status).toBe(404);
    expect((await mine.patch(path(other.tenantId, other.userId), { role: 'staff' })).status).toBe(404);
    expect((await mine.delete(path(other.tenantId, other.userId))).status).toBe(404);
    // Through its own tenant's path, the other tenant's owner is simply not a member.
    expect((await mine.patch(path(owner.tenantId, other.userId), { role: 'staff' })).status).toBe(404);
    expect(await sql(h, 'select role from memberships where tenant_id = $1', [other.tenantId])).toEqual([{ role: 'owner' }]);
  });

  it('answers 404 when the caller\'s membership is gone, whatever the gateway\'s copy still says', async () => {
    const gone = await addColleague('admin');
    await asOwner().delete(path(owner.tenantId, gone.userId));
    expect((await as(h, memberOf(gone.userId, owner.tenantId, 'admin')).post(path(owner.tenantId), { email: uniqueEmail(), name: 'X Y', role: 'staff' })).status).toBe(404);
  });
});
