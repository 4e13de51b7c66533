import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { CALLER_HEADER, newId } from '@homi/service-kit';
import { callerSent } from './support/caller';
import { membership } from './support/fakes';
import { startHarness, type Harness } from './support/harness';

describe('forwarding identity routes', () => {
  let h: Harness;
  const userId = newId('usr');
  const tenantId = newId('ten');
  const roles = ['default-roles-homi', 'support'];
  const members = `/api/v1/tenants/${tenantId}/members`;
  const last = () => h.identity.received[h.identity.received.length - 1]!;
  const callerOfLast = () => callerSent(last(), 'identity');
  const as = async (sub: string, realmRoles = roles) => `Bearer ${await h.issuer.token(sub, { realm_access: { roles: realmRoles } })}`;
  /** The same, after a fresh sign-in with a second factor: privileged realm roles are asserted to services only then. */
  const asWithMfa = async (sub: string, realmRoles = roles) =>
    `Bearer ${await h.issuer.token(sub, { realm_access: { roles: realmRoles }, acr: '2', amr: ['pwd', 'otp'] })}`;
  /** What a client might send that must never reach a service. */
  const hostileHeaders = {
    cookie: 'session=secret-cookie',
    'x-homi-caller': 'forged.caller',
    'x-homi-tenant': 'ten_forged000000',
    'x-custom': 'nope',
  };
  const expectNothingLeaked = () => {
    const { headers } = last();
    expect(headers.authorization).toBeUndefined();
    expect(headers.cookie).toBeUndefined();
    expect(headers['x-custom']).toBeUndefined();
    expect(headers['x-homi-tenant']).toBeUndefined();
    expect(headers['x-request-id']).toMatch(/\S/);
  };

  beforeAll(async () => {
    h = await startHarness({ upstreamTimeoutMs: 500 });
    await h.putMembership(membership(userId, tenantId, { users: 'edit' }, 'admin'));
  });
  afterAll(() => h.stop());

  it('forwards the public routes without a token, and without a caller context even when a token is sent', async () => {
    const tenantDataBefore = h.upstream.received.length;
    const auth = await as(userId);
    const calls = [
      () => request(h.url).get('/api/v1/privacy-statement'),
      () => request(h.url).get('/api/v1/privacy-statements?lang=nl'),
      () => request(h.url).post('/api/v1/signup').send({ email: 'a@example.nl', acceptedPrivacyStatementVersion: '1' }),
    ];
    for (const [i, call] of calls.entries()) {
      const anonymous = await call().set(hostileHeaders);
      expect(anonymous.status).toBe(200);
      expect(last().headers[CALLER_HEADER]).toBeUndefined();
      expectNothingLeaked();
      const withToken = await call().set('authorization', auth).set(hostileHeaders);
      expect(withToken.status).toBe(200);
      expect(last().headers[CALLER_HEADER]).toBeUndefined();
      expectNothingLeaked();
      expect(last().url).toBe(['/api/v1/privacy-statement', '/api/v1/privacy-statements?lang=nl', '/api/v1/signup'][i]);
    }
    expect(JSON.parse(last().body)).toEqual({ email: 'a@example.nl', acceptedPrivacyStatementVersion: '1' });
    expect(h.upstream.received.length).toBe(tenantDataBefore);
  });

  it.each([
    ['get', '/api/v1/me'],
    ['patch', '/api/v1/me'],
    ['delete', '/api/v1/me'],
    ['post', '/api/v1/me/privacy-statement-acceptances'],
  ] as const)('%s %s goes to identity with a tenant-less signed caller carrying the realm roles', async (method, path) => {
    const req = request(h.url)[method](path).set('authorization', await asWithMfa(userId)).set(hostileHeaders).set('x-request-id', 'client-request-0003');
    const res = method === 'patch' || method === 'post' ? await req.send({ version: '1' }) : await req;
    expect(res.status).toBe(200);
    expect([last().method, last().url]).toEqual([method.toUpperCase(), path]);
    const caller = await callerOfLast();
    expect(caller).toMatchObject({ userId, realmRoles: roles, requestId: 'client-request-0003' });
    expect(caller.tenantId).toBeUndefined();
    expect(caller.role).toBeUndefined();
    expect(caller.permissions).toBeUndefined();
    expect(Object.keys(last().headers).filter((k) => k.startsWith('x-homi-'))).toEqual([CALLER_HEADER]);
    expectNothingLeaked();
  });

  it('needs a token on user, operator and member routes', async () => {
    const before = h.identity.received.length;
    for (const [method, path] of [['get', '/api/v1/me'], ['delete', '/api/v1/me'], ['post', '/api/v1/admin/privacy-statements'], ['get', members]] as const) {
      const res = await request(h.url)[method](path);
      expect([path, res.status]).toEqual([path, 401]);
    }
    expect(h.identity.received.length).toBe(before);
  });

  it('refuses the operator route without the realm role operator (403) or a recent second factor (401) and forwards it with both', async () => {
    const before = h.identity.received.length;
    const refused = await request(h.url).post('/api/v1/admin/privacy-statements').set('authorization', await as(userId)).send({ version: '2', text: 'x' });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toMatch(/\/realm-role-required$/);
    expect(h.identity.received.length).toBe(before);

    const operator = newId('usr');
    const passwordOnly = await request(h.url).post('/api/v1/admin/privacy-statements').set('authorization', await as(operator, ['operator'])).send({ version: '2', text: 'x' });
    expect(passwordOnly.status).toBe(401);
    expect(passwordOnly.body.type).toMatch(/\/step-up-required$/);
    expect(h.identity.received.length).toBe(before);
    const res = await request(h.url).post('/api/v1/admin/privacy-statements').set('authorization', await asWithMfa(operator, ['operator'])).send({ version: '2', text: 'x' });
    expect(res.status).toBe(200);
    expect(last().url).toBe('/api/v1/admin/privacy-statements');
    expect(await callerOfLast()).toMatchObject({ userId: operator, realmRoles: ['operator'] });
    expect((await callerOfLast()).tenantId).toBeUndefined();
  });

  it('asserts the privileged realm roles (support, operator) to a service only after a recent second factor', async () => {
    for (const [auth, asserted] of [
      [await as(userId, ['default-roles-homi', 'support', 'operator']), ['default-roles-homi']],
      [await asWithMfa(userId, ['default-roles-homi', 'support', 'operator']), ['default-roles-homi', 'support', 'operator']],
    ] as const) {
      expect((await request(h.url).get('/api/v1/me').set('authorization', auth)).status).toBe(200);
      expect((await callerOfLast()).realmRoles).toEqual(asserted);
    }
  });

  it('sends member routes to identity and tenant-data routes to tenant-data, both with the tenant and the realm roles', async () => {
    const auth = await asWithMfa(userId);
    expect((await request(h.url).get(members).set('authorization', auth).set(hostileHeaders)).status).toBe(200);
    expect(last().url).toBe(members);
    expect(await callerOfLast()).toMatchObject({ userId, tenantId, role: 'admin', realmRoles: roles, permissions: expect.objectContaining({ users: 'edit' }) });
    expectNothingLeaked();

    expect((await request(h.url).get(`/api/v1/tenants/${tenantId}`).set('authorization', auth)).status).toBe(200);
    const tenantData = h.upstream.received[h.upstream.received.length - 1]!;
    expect(await callerSent(tenantData, 'tenant-data')).toMatchObject({ userId, tenantId, realmRoles: roles });
  });

  it('accepts usr_ ids and Keycloak UUIDs as member ids', async () => {
    const auth = await as(userId);
    for (const member of [newId('usr'), randomUUID(), '0190b6d2-7e4c-7a3b-9f1e-2c3d4e5f6a7b']) {
      for (const method of ['patch', 'delete'] as const) {
        const res = await request(h.url)[method](`${members}/${member}`).set('authorization', auth).send(method === 'patch' ? { role: 'staff' } : undefined);
        expect([member, method, res.status]).toEqual([member, method, 200]);
        expect(last().url).toBe(`${members}/${member}`);
      }
    }
  });

  it('answers any other member id with 404 and forwards nothing', async () => {
    const auth = await as(userId);
    const uuid = randomUUID();
    const before = h.identity.received.length;
    for (const member of [
      uuid.toUpperCase(),
      uuid.replace(/-/g, ''),
      `${uuid}0`,
      `{${uuid}}`,
      `urn:uuid:${uuid}`,
      '00000000-0000-0000-0000-000000000000',
      uuid.replace(/^(.{14})./, '$10'), // version 0
      'usr_short',
      `usr_${'x'.repeat(41)}`,
      newId('cli'),
      'not-an-id',
      `${uuid}%2F..`,
      `${newId('usr')}%00`,
    ]) {
      const res = await request(h.url).patch(`${members}/${member}`).set('authorization', auth).send({ role: 'staff' });
      expect([member, res.status]).toEqual([member, 404]);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect(h.identity.received.length).toBe(before);
  });

  it('answers 503 upstream-unavailable naming identity when identity cannot be reached', async () => {
    await h.identity.close();
    const res = await request(h.url).get('/api/v1/me').set('authorization', await as(userId));
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ type: expect.stringMatching(/\/upstream-unavailable$/), detail: 'identity cannot be reached right now.' });
    expect((await request(h.url).get('/api/v1/privacy-statement')).status).toBe(503);
  });
});
