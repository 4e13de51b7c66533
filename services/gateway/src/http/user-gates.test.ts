import request from 'supertest';
import { newId } from '@homi/service-kit';
import { fakeGateway, membership, userAccess } from '../../test/support/fakes';

const STATEMENT = { version: '2026-02', publishedAt: '2026-02-01T00:00:00.000Z' };

describe('user gates: disabled accounts and the privacy statement', () => {
  const gw = fakeGateway();
  const tenantId = newId('ten');
  const forwarded = () => gw.upstream.requests.length + gw.identity.requests.length + gw.privacy.requests.length;
  // A token as the issuer mints one: auth_time is when the person signed in (just now).
  const signedIn = (roles: string[] = [], login: { acr?: string; amr?: string[]; authTime?: number } = { authTime: Math.floor(Date.now() / 1000) }) => {
    const { token, userId } = gw.verifier.issue(newId('usr'), roles, login);
    gw.memberships.put(membership(userId, tenantId, {}, 'owner'));
    return { auth: `Bearer ${token}`, userId };
  };
  const call = (method: string, path: string, auth?: string) => {
    const req = request(gw.http.app)[method.toLowerCase() as 'get'](`/api/v1${path}`);
    if (auth) req.set('authorization', auth);
    return ['POST', 'PATCH'].includes(method) ? req.send({}) : req;
  };
  afterEach(() => gw.users.publish(undefined));

  // Written out by hand: every tenant route and PATCH /me wait for the acceptance; nothing else does.
  const GATED: [string, string][] = [
    ['GET', `/tenants/${tenantId}`],
    ['PATCH', `/tenants/${tenantId}`],
    ['GET', `/tenants/${tenantId}/clients`],
    ['DELETE', `/tenants/${tenantId}/appointments/${newId('apt')}`],
    ['GET', `/tenants/${tenantId}/members`],
    ['PATCH', `/tenants/${tenantId}/members/${newId('usr')}`],
    ['PATCH', '/me'],
  ];
  // Reading one's own privacy requests and downloading a package asked for before stay open to a
  // disabled (deleted) account (ADR 11); every other authenticated route refuses it.
  const dsr = newId('dsr');
  const OPEN_WHEN_DISABLED: [string, string][] = [
    ['GET', '/privacy/requests'],
    ['GET', `/privacy/requests/${dsr}`],
    ['GET', `/privacy/requests/${dsr}/export`],
  ];
  // Exercising GDPR rights never waits on accepting a new statement.
  const OPEN: [string, string][] = [
    ['GET', '/me'],
    ['DELETE', '/me'],
    ['POST', '/me/privacy-statement-acceptances'],
    ['POST', '/privacy/requests'],
    ['POST', `/privacy/requests/${dsr}/extension`],
    ['GET', '/privacy/data-map'],
    ...OPEN_WHEN_DISABLED,
  ];
  const isOpenWhenDisabled = ([method, path]: [string, string]) => OPEN_WHEN_DISABLED.some(([m, p]) => m === method && p === path);
  const PUBLIC: [string, string][] = [
    ['GET', '/privacy-statement'],
    ['GET', '/privacy-statements'],
    ['POST', '/signup'],
  ];

  it('has no statement gate while no statement is published', async () => {
    const { auth } = signedIn();
    for (const [method, path] of [...GATED, ...OPEN]) expect([method, path, (await call(method, path, auth)).status]).toEqual([method, path, 200]);
  });

  it.each(GATED)('%s %s answers 403 with currentVersion until the current statement is accepted', async (method, path) => {
    const { auth, userId } = signedIn();
    gw.users.publish(STATEMENT);
    const before = forwarded();
    const res = await call(method, path, auth);
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: expect.stringMatching(/\/privacy-statement-acceptance-required$/),
      status: 403,
      title: 'Forbidden',
      currentVersion: '2026-02',
      instance: `/api/v1${path}`,
    });
    gw.users.put(userAccess(userId, '2025-01'));
    expect((await call(method, path, auth)).body.currentVersion).toBe('2026-02');
    expect(forwarded()).toBe(before);
    gw.users.put(userAccess(userId, '2026-02'));
    expect((await call(method, path, auth)).status).toBe(200);
  });

  it('keeps GET /me, DELETE /me, the acceptance, the privacy routes and the public routes open to a user who has not accepted', async () => {
    const { auth } = signedIn();
    gw.users.publish(STATEMENT);
    for (const [method, path] of OPEN) expect([method, path, (await call(method, path, auth)).status]).toEqual([method, path, 200]);
    for (const [method, path] of PUBLIC) expect([method, path, (await call(method, path)).status]).toEqual([method, path, 200]);
  });

  it('answers 401 account-disabled on every other authenticated route for a disabled account, public routes stay open', async () => {
    const { auth, userId } = signedIn(['operator']);
    gw.users.put(userAccess(userId, null, 'disabled'));
    const before = forwarded();
    const refused = [...GATED, ...OPEN.filter((route) => !isOpenWhenDisabled(route)), ['POST', '/admin/privacy-statements'], ['GET', '/no-such-route']];
    for (const [method, path] of [...refused, ['GET', '/privacy/no-such-route'], ['PUT', '/privacy/requests']]) {
      const res = await call(method as string, path as string, auth);
      expect([method, path, res.status]).toEqual([method, path, 401]);
      expect(res.body.type).toMatch(/\/account-disabled$/);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="homi", error="invalid_token"');
    }
    expect(forwarded()).toBe(before);
    for (const [method, path] of PUBLIC) expect((await call(method, path)).status).toBe(200);
    for (const [method, path] of OPEN_WHEN_DISABLED) expect([method, path, (await call(method, path, auth)).status]).toEqual([method, path, 200]);
    expect(gw.privacy.requests.slice(-OPEN_WHEN_DISABLED.length).map((r) => `${r.method} ${r.path}`)).toEqual(
      OPEN_WHEN_DISABLED.map(([method, path]) => `${method} /api/v1${path}`),
    );
    gw.users.put(userAccess(userId, null, 'active'));
    expect((await call('GET', '/me', auth)).status).toBe(200);
  });

  it('lets only tokens with the realm role operator and a recent second factor publish a statement, accepted or not', async () => {
    const before = gw.identity.requests.length;
    for (const roles of [[], ['support'], ['default-roles-homi', 'offline_access']]) {
      const res = await call('POST', '/admin/privacy-statements', signedIn(roles).auth);
      expect(res.status).toBe(403);
      expect(res.body.type).toMatch(/\/realm-role-required$/);
    }
    expect(gw.identity.requests.length).toBe(before);
    gw.users.publish(STATEMENT);
    const passwordOnly = await call('POST', '/admin/privacy-statements', signedIn(['operator']).auth);
    expect([passwordOnly.status, passwordOnly.body.type]).toEqual([401, expect.stringMatching(/\/step-up-required$/)]);
    expect(gw.identity.requests.length).toBe(before);
    const withMfa = signedIn(['operator'], { acr: '2', amr: ['pwd', 'otp'], authTime: Math.floor(Date.now() / 1000) });
    expect((await call('POST', '/admin/privacy-statements', withMfa.auth)).status).toBe(200);
    expect(gw.identity.requests.length).toBe(before + 1);
  });
});
