import { AccountDeletionRequested, type AccountDeletionRequested as DeletionData } from '@homi/contracts';
import { disableOwedAccounts } from '../src/application/reconcile';
import { as, ownerOf, startIdentity, waitForKv, type Harness } from './harness';
import { signUp, uniqueEmail } from './fixtures';
import { canLogIn, eventsSince, sql } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startIdentity();
});
afterAll(() => h?.stop());

const members = (tenantId: string) => `/api/v1/tenants/${tenantId}/members`;

describe('GET and PATCH /me', () => {
  it('rectifies name, phone and e-mail address, in the identity provider too', async () => {
    const user = await signUp(h.server);
    const email = uniqueEmail('nieuw');
    const res = await as(h, { userId: user.userId }).patch('/api/v1/me', { name: 'Anna Jansen', phone: '06 1234 5678', email });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Anna Jansen', phone: '0612345678', email });
    expect(await h.service.deps.idp.getUser(user.userId)).toMatchObject({ email, name: 'Anna Jansen' });
    expect(await canLogIn(h.issuer.issuer, email, user.password)).toBe(true);
  });

  it('refuses an address another account has, changing nothing', async () => {
    const [a, b] = [await signUp(h.server), await signUp(h.server)];
    const res = await as(h, { userId: a.userId }).patch('/api/v1/me', { email: b.email, name: 'Gewijzigd Niet' });
    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/\/email-taken$/);
    expect(await h.service.deps.idp.getUser(a.userId)).toMatchObject({ email: a.email, name: 'Anna de Vries' });
  });

  it('answers 404 for a caller identity does not know', async () => {
    expect((await as(h, { userId: 'usr_unknown000000001' }).get('/api/v1/me')).status).toBe(404);
  });
});

describe('DELETE /me', () => {
  it('disables login at once and announces an erasure request covering the tenants the user solely owns', async () => {
    const user = await signUp(h.server);
    const shared = await signUp(h.server);
    await as(h, ownerOf(shared.userId, shared.tenantId)).post(members(shared.tenantId), { email: user.email, role: 'owner' });
    const since = new Date();

    const res = await as(h, { userId: user.userId }).delete('/api/v1/me');

    expect(res.status).toBe(202);
    expect(res.body).toEqual({ erasureRequestId: expect.stringMatching(/^dsr_/), status: 'accepted' });
    expect(await canLogIn(h.issuer.issuer, user.email, user.password)).toBe(false);
    const access = await waitForKv<{ status: string }>(h.users, user.userId, (v) => v?.status === 'disabled', 1000);
    expect(access.ms).toBeLessThan(1000);
    const [event] = await eventsSince<DeletionData>(h.nc, AccountDeletionRequested.subject, since, (d) => d.userId === user.userId);
    expect(event?.data).toMatchObject({ requestId: res.body.erasureRequestId, userId: user.userId, soleOwnerTenantIds: [user.tenantId] });
    expect(JSON.stringify(event)).not.toContain(user.email);

    const again = await as(h, { userId: user.userId }).delete('/api/v1/me');
    expect(again.status).toBe(202);
    expect(again.body.erasureRequestId).toBe(res.body.erasureRequestId);
    expect(await eventsSince(h.nc, AccountDeletionRequested.subject, since, (d: DeletionData) => d.userId === user.userId, 2, 1500)).toHaveLength(1);
  });

  it('stands when the identity provider does not answer, and the reconciler disables the account later', async () => {
    const user = await signUp(h.server);
    const idp = h.service.deps.idp;
    const realUpdate = idp.updateUser.bind(idp);
    idp.updateUser = async () => {
      throw new Error('identity provider unreachable');
    };
    try {
      const res = await as(h, { userId: user.userId }).delete('/api/v1/me');
      expect(res.status).toBe(202);
      expect(await canLogIn(h.issuer.issuer, user.email, user.password)).toBe(true);
      await waitForKv<{ status: string }>(h.users, user.userId, (v) => v?.status === 'disabled', 1000);
    } finally {
      idp.updateUser = realUpdate;
    }
    expect(await disableOwedAccounts(h.service.deps)).toBeGreaterThanOrEqual(1);
    expect(await canLogIn(h.issuer.issuer, user.email, user.password)).toBe(false);
    expect(await sql(h, 'select idp_disabled_at is not null as done from users where id = $1', [user.userId])).toEqual([{ done: true }]);
  });

  it('refuses changes to an account whose deletion was requested, and adding it as a colleague', async () => {
    const user = await signUp(h.server);
    const owner = await signUp(h.server);
    await as(h, { userId: user.userId }).delete('/api/v1/me');
    expect((await as(h, { userId: user.userId }).patch('/api/v1/me', { name: 'Toch Niet' })).body.type).toMatch(/\/account-disabled$/);
    const add = await as(h, ownerOf(owner.userId, owner.tenantId)).post(members(owner.tenantId), { email: user.email, role: 'staff' });
    expect(add.status).toBe(409);
    expect(add.body.type).toMatch(/\/account-disabled$/);
  });
});
