import request from 'supertest';
import { newId } from '@homi/service-kit';
import { fakeGateway, membership } from '../../test/support/fakes';

const now = () => Math.floor(Date.now() / 1000);

describe('accounts identity does not know', () => {
  const gw = fakeGateway();
  const tenantId = newId('ten');
  const forwarded = () => gw.upstream.requests.length + gw.identity.requests.length + gw.privacy.requests.length + gw.billing.requests.length;

  it('are refused (401 account-unknown) with a valid token, even as a member: a missing entry opens nothing', async () => {
    const { token, userId } = gw.verifier.issue(newId('usr'), [], { authTime: now() });
    gw.memberships.put(membership(userId, tenantId, {}, 'owner'));
    gw.users.remove(userId);
    const before = forwarded();
    for (const [method, path] of [['get', '/me'], ['get', `/tenants/${tenantId}/clients`], ['post', '/privacy/requests'], ['get', '/privacy/data-map']] as const) {
      const res = await request(gw.http.app)[method](`/api/v1${path}`).set('authorization', `Bearer ${token}`);
      expect([path, res.status, res.body.type]).toEqual([path, 401, expect.stringMatching(/\/account-unknown$/)]);
    }
    expect(forwarded()).toBe(before);
  });

  it('admits HOMi staff by their realm role, whose accounts are made in the identity provider, not by identity', async () => {
    const mfa = { acr: '2', amr: ['pwd', 'otp'], authTime: now() };
    for (const role of ['support', 'operator']) {
      const { token, userId } = gw.verifier.issue(newId('usr'), [role], mfa);
      gw.users.remove(userId);
      expect((await request(gw.http.app).get('/api/v1/me').set('authorization', `Bearer ${token}`)).status).toBe(200);
    }
  });
});

describe('deleting your account', () => {
  const gw = fakeGateway();

  it('needs a sign-in of at most 5 minutes ago (401 reauthentication-required with max_age), and goes through after one', async () => {
    for (const authTime of [undefined, now() - 301, now() - 3600]) {
      const { token } = gw.verifier.issue(newId('usr'), [], authTime === undefined ? {} : { authTime });
      const res = await request(gw.http.app).delete('/api/v1/me').set('authorization', `Bearer ${token}`);
      expect([res.status, res.body.type]).toEqual([401, expect.stringMatching(/\/reauthentication-required$/)]);
      expect(res.headers['www-authenticate']).toMatch(/error="insufficient_user_authentication".*max_age=300/);
    }
    expect(gw.identity.requests).toEqual([]);
    const { token } = gw.verifier.issue(newId('usr'), [], { authTime: now() - 60 });
    expect((await request(gw.http.app).delete('/api/v1/me').set('authorization', `Bearer ${token}`)).status).toBe(200);
    expect(gw.identity.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /api/v1/me']);
  });
});

describe('the recent sign-in an operator sets (RECENT_SIGN_IN_MAX_AGE_SECONDS)', () => {
  const gw = fakeGateway(10_000, undefined, { recentSignInMaxAgeSeconds: 20 });

  it('replaces the five minutes DELETE /me declares, in the refusal\'s max_age too', async () => {
    const stale = gw.verifier.issue(newId('usr'), [], { authTime: now() - 30 });
    const refused = await request(gw.http.app).delete('/api/v1/me').set('authorization', `Bearer ${stale.token}`);
    expect([refused.status, refused.body.type]).toEqual([401, expect.stringMatching(/\/reauthentication-required$/)]);
    expect(refused.headers['www-authenticate']).toMatch(/max_age=20/);
    const fresh = gw.verifier.issue(newId('usr'), [], { authTime: now() - 10 });
    expect((await request(gw.http.app).delete('/api/v1/me').set('authorization', `Bearer ${fresh.token}`)).status).toBe(200);
  });
});

describe('HEAD on the API', () => {
  const gw = fakeGateway();
  const tenantId = newId('ten');

  it('is refused (405) everywhere, so a support user under a grant cannot reach a route past its audit', async () => {
    const { token, userId } = gw.verifier.issue(newId('usr'), ['support'], { acr: '2', amr: ['pwd', 'otp'], authTime: now() });
    gw.grants.put({
      requestId: newId('sar'), tenantId, supportUserId: userId, modules: ['clients'], mode: 'read', approvedBy: newId('usr'),
      startsAt: new Date(Date.now() - 1000).toISOString(), expiresAt: new Date(Date.now() + 600_000).toISOString(),
    });
    for (const path of [`/tenants/${tenantId}/clients?q=anna`, `/tenants/${tenantId}/clients/${newId('cli')}`, '/me', '/privacy-statement', '/nope']) {
      const res = await request(gw.http.app).head(`/api/v1${path}`).set('authorization', `Bearer ${token}`);
      expect([path, res.status, res.headers.allow]).toEqual([path, 405, 'GET']);
    }
    expect(gw.upstream.requests).toEqual([]);
    expect(gw.audit.events).toEqual([]);
    expect((await request(gw.http.app).get(`/api/v1/tenants/${tenantId}/clients?q=anna`).set('authorization', `Bearer ${token}`)).status).toBe(200);
    expect(gw.audit.events).toHaveLength(1);
  });
});
