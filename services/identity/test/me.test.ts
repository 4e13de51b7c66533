import { AccountDeletionRequested, type AccountDeletionRequested as DeletionData } from '@homi/contracts';
import { disableOwedAccounts } from '../src/application/reconcile';
import { startedAroundAll } from '@homi/testing';
import { as, ownerOf, startIdentity, waitForKv, type Harness } from './harness';
import { signUp, uniqueEmail } from './fixtures';
import { inviteExisting, invitationToken, tokenIn } from './invite';
import { canLogIn, eventsSince, sql } from './support';

let h: Harness;
startedAroundAll(startIdentity, (started) => (h = started));

const members = (tenantId: string) => `/api/v1/tenants/${tenantId}/members`;

describe('GET and PATCH /me', () => {
  it('rectifies name and phone at once, and the e-mail address once its mailbox confirms it, in the identity provider too', async () => {
    const user = await signUp(h.server);
    const email = uniqueEmail('nieuw');
    const me = as(h, { userId: user.userId });
    const res = await me.patch('/api/v1/me', { name: 'Anna Jansen', phone: '06 1234 5678', email });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Anna Jansen', phone: '0612345678', email: user.email, pendingEmail: { email } });
    // Until confirmed, the old address is the account's: here and at the identity provider.
    expect(await h.service.deps.idp.getUser(user.userId)).toMatchObject({ email: user.email, name: 'Anna Jansen' });
    expect(await canLogIn(h.issuer.issuer, user.email, user.password)).toBe(true);

    const token = tokenIn((await h.mail.waitFor({ to: email, subject: /Bevestig/ })).text);
    const confirmed = await me.post('/api/v1/me/email-confirmations', { token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ email, pendingEmail: null });
    expect(await h.service.deps.idp.getUser(user.userId)).toMatchObject({ email, name: 'Anna Jansen', emailVerified: true });
    expect(await canLogIn(h.issuer.issuer, email, user.password)).toBe(true);
    const notice = await h.mail.waitFor({ to: user.email, subject: /gewijzigd/ });
    expect(notice.text).toContain(`${email[0]}…@example.nl`);
    expect(notice.text).not.toContain(email);
    // The code works once.
    expect((await me.post('/api/v1/me/email-confirmations', { token })).body.type).toMatch(/\/email-change-not-found$/);
  });

  it('answers an address another account has like any other, tells that mailbox, and no code can take it', async () => {
    const [a, b] = [await signUp(h.server), await signUp(h.server)];
    const res = await as(h, { userId: a.userId }).patch('/api/v1/me', { email: b.email });
    const free = await as(h, { userId: b.userId }).patch('/api/v1/me', { email: uniqueEmail('vrij') });
    expect([res.status, free.status]).toEqual([200, 200]);
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(free.body).sort());
    expect(res.body.pendingEmail).toMatchObject({ email: b.email });
    const mail = await h.mail.waitFor({ to: b.email });
    expect(mail.subject).toBe('Je e-mailadres voor HOMi');
    expect(mail.text).not.toMatch(/#token=/);
    expect(await h.service.deps.idp.getUser(a.userId)).toMatchObject({ email: a.email, name: 'Anna de Vries' });
  });

  it('refuses an expired, wrong or withdrawn confirmation code with a problem, changing nothing', async () => {
    const user = await signUp(h.server);
    const me = as(h, { userId: user.userId });
    const email = uniqueEmail('later');
    await me.patch('/api/v1/me', { email });
    const token = tokenIn((await h.mail.waitFor({ to: email })).text);
    const wrong = await me.post('/api/v1/me/email-confirmations', { token: 'A'.repeat(43) });
    expect([wrong.status, wrong.body.type]).toEqual([404, expect.stringMatching(/\/email-change-not-found$/)]);
    expect((await me.post('/api/v1/me/email-confirmations', { token: 'kort' })).status).toBe(400);
    // Another account cannot use the code either: it proves the mailbox, not the account.
    const other = await signUp(h.server);
    expect((await as(h, { userId: other.userId }).post('/api/v1/me/email-confirmations', { token })).status).toBe(404);
    await sql(h, `update users set pending_email_expires_at = now() - interval '1 second' where id = $1`, [user.userId]);
    const expired = await me.post('/api/v1/me/email-confirmations', { token });
    expect([expired.status, expired.body.type]).toEqual([410, expect.stringMatching(/\/email-change-expired$/)]);
    expect((await me.get('/api/v1/me')).body).toMatchObject({ email: user.email, pendingEmail: null });
    await me.patch('/api/v1/me', { email: uniqueEmail('weer') });
    expect((await me.delete('/api/v1/me/pending-email')).status).toBe(204);
    expect((await me.get('/api/v1/me')).body.pendingEmail).toBeNull();
  });

  it('answers 404 for a caller identity does not know', async () => {
    expect((await as(h, { userId: 'usr_unknown000000001' }).get('/api/v1/me')).status).toBe(404);
  });
});

describe('DELETE /me', () => {
  it('disables login at once and announces an erasure request covering the tenants the user solely owns', async () => {
    const user = await signUp(h.server);
    const shared = await signUp(h.server);
    await inviteExisting(h, shared, user, 'owner');
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

  it('refuses changes to an account whose deletion was requested, and its joining an institute (inviting it answers like any address)', async () => {
    const user = await signUp(h.server);
    const owner = await signUp(h.server);
    await as(h, { userId: user.userId }).delete('/api/v1/me');
    expect((await as(h, { userId: user.userId }).patch('/api/v1/me', { name: 'Toch Niet' })).body.type).toMatch(/\/account-disabled$/);
    const since = Date.now();
    const add = await as(h, ownerOf(owner.userId, owner.tenantId)).post(members(owner.tenantId), { email: user.email, role: 'staff' });
    expect(add.status).toBe(202);
    const accept = await as(h, { userId: user.userId }).post('/api/v1/invitation-acceptances', { token: await invitationToken(h, user.email, since) });
    expect(accept.status).toBe(409);
    expect(accept.body.type).toMatch(/\/account-disabled$/);
    expect(await sql(h, 'select count(*)::int as n from memberships where user_id = $1 and tenant_id = $2', [user.userId, owner.tenantId])).toEqual([{ n: 0 }]);
  });
});
