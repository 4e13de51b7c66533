import http from 'node:http';
import request from 'supertest';
import type { Permissions, Role } from '@homi/contracts';
import { newId } from '@homi/service-kit';
import { startedAroundAll } from '@homi/testing';
import { callerSent } from './support/caller';
import { membership, userAccess } from './support/fakes';
import { eventually, startHarness, type Harness } from './support/harness';

const REQUESTS = '/api/v1/privacy/requests';

describe('forwarding privacy routes', () => {
  let h: Harness;
  const tenantId = newId('ten');
  const roles = ['default-roles-homi', 'offline_access'];
  const last = () => h.privacy.received[h.privacy.received.length - 1]!;
  const callerOfLast = () => callerSent(last(), 'privacy');
  const forwarded = () => h.privacy.received.length + h.upstream.received.length + h.identity.received.length;
  const as = async (userId: string, realmRoles = roles) => `Bearer ${await h.issuer.token(userId, { realm_access: { roles: realmRoles } })}`;
  const asWithMfa = async (userId: string, realmRoles = roles) =>
    `Bearer ${await h.issuer.token(userId, { realm_access: { roles: realmRoles }, acr: '2', amr: ['pwd', 'otp'] })}`;
  const clientRequest = (tenant: string) => ({ type: 'access', subject: { kind: 'client', tenantId: tenant, clientId: newId('cli') } });
  /** Writes the membership and waits until the gateway's watch has it. */
  const member = async (userId: string, tenant: string, role: Role, grants: Partial<Permissions> = {}) => {
    await h.putMembership(membership(userId, tenant, grants, role));
    await eventually(async () => expect(await h.gateway.memberships.get(userId, tenant)).toBeDefined());
  };
  const expectTenantLess = async () => {
    const caller = await callerOfLast();
    expect([caller.tenantId, caller.role, caller.permissions]).toEqual([undefined, undefined, undefined]);
    return caller;
  };

  startedAroundAll(() => startHarness({ upstreamTimeoutMs: 2_000 }), (started) => (h = started));
  afterEach(() => h.privacy.respondWith(undefined));

  it('forwards a request about a client with the tenant-scoped caller of a member, body and answer unchanged', async () => {
    const owner = newId('usr');
    await member(owner, tenantId, 'owner');
    const body = { ...clientRequest(tenantId), type: 'rectification', corrections: { email: 'anna@example.nl' } };
    h.privacy.respondWith((_req, res) => {
      res.writeHead(202, { 'content-type': 'application/json', location: `${REQUESTS}/dsr_0000000000abcdef` }).end('{"id":"dsr_0000000000abcdef"}');
    });
    const res = await request(h.url).post(REQUESTS).set('authorization', await as(owner)).set('x-request-id', 'client-request-0101').send(body);
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`${REQUESTS}/dsr_0000000000abcdef`);
    expect(res.body).toEqual({ id: 'dsr_0000000000abcdef' });
    expect([last().method, last().url]).toEqual(['POST', REQUESTS]);
    expect(JSON.parse(last().body)).toEqual(body);
    expect(await callerOfLast()).toMatchObject({
      userId: owner,
      tenantId,
      role: 'owner',
      realmRoles: roles,
      permissions: expect.objectContaining({ clients: 'edit', users: 'edit' }),
      requestId: 'client-request-0101',
    });
    expect(last().headers.authorization).toBeUndefined();
  });

  it('leaves the owner-or-admin rule to the privacy service: a staff member goes on with role staff', async () => {
    const staff = newId('usr');
    await member(staff, tenantId, 'staff', { clients: 'view' });
    expect((await request(h.url).post(REQUESTS).set('authorization', await as(staff)).send(clientRequest(tenantId))).status).toBe(200);
    expect(await callerOfLast()).toMatchObject({ userId: staff, tenantId, role: 'staff', permissions: expect.objectContaining({ clients: 'view' }) });
  });

  it('answers 404 for a client of a tenant the caller is not a member of, exactly as for an unknown tenant, and forwards nothing', async () => {
    const outsider = newId('usr');
    await member(outsider, newId('ten'), 'owner');
    const auth = await as(outsider);
    const unknownTenant = await request(h.url).get(`/api/v1/tenants/${newId('ten')}`).set('authorization', auth);
    const before = forwarded();
    for (const tenant of [tenantId, newId('ten')]) {
      const res = await request(h.url).post(REQUESTS).set('authorization', auth).send(clientRequest(tenant));
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.detail).toBe(unknownTenant.body.detail);
    }
    expect(forwarded()).toBe(before);
  });

  it('judges the tenant the service will read: with duplicate keys, the last one, as the body is sent re-serialised', async () => {
    const owner = newId('usr');
    const mine = newId('ten');
    await member(owner, mine, 'admin');
    const clientId = newId('cli');
    const foreign = newId('ten');
    const twice = (first: string, second: string) =>
      `{"type":"access","subject":{"kind":"client","tenantId":"${first}","clientId":"${clientId}","tenantId":"${second}"}}`;
    const post = (raw: string) => request(h.url).post(REQUESTS).set('authorization', auth).set('content-type', 'application/json').send(raw);
    const auth = await as(owner);
    expect((await post(twice(foreign, mine))).status).toBe(200);
    expect(JSON.parse(last().body)).toEqual({ type: 'access', subject: { kind: 'client', tenantId: mine, clientId } });
    expect(await callerOfLast()).toMatchObject({ tenantId: mine, role: 'admin' });
    const before = forwarded();
    expect((await post(twice(mine, foreign))).status).toBe(404);
    expect(forwarded()).toBe(before);
  });

  it('forwards a request about oneself with the tenant-less caller and its realm roles', async () => {
    const user = newId('usr');
    await member(user, tenantId, 'owner');
    const body = { type: 'erasure', subject: { kind: 'self' } };
    expect((await request(h.url).post(REQUESTS).set('authorization', await asWithMfa(user, ['operator'])).send(body)).status).toBe(200);
    expect(JSON.parse(last().body)).toEqual(body);
    expect(await expectTenantLess()).toMatchObject({ userId: user, realmRoles: ['operator'] });
    // A password-only login is an ordinary user's: the privacy officer's role is not asserted.
    expect((await request(h.url).post(REQUESTS).set('authorization', await as(user, ['operator'])).send(body)).status).toBe(200);
    expect(await expectTenantLess()).toMatchObject({ userId: user, realmRoles: [] });
  });

  it('forwards bodies that name no well-formed tenant tenant-less, for the privacy service to refuse; refuses what is not JSON itself', async () => {
    const user = newId('usr');
    const auth = await as(user);
    h.privacy.respondWith((_req, res) => res.writeHead(400, { 'content-type': 'application/problem+json' }).end('{"status":400,"type":"x/invalid"}'));
    for (const body of [
      {},
      [],
      { type: 'access' },
      { type: 'access', subject: 'client' },
      { type: 'access', subject: { kind: 'client', tenantId: 'ten_x', clientId: newId('cli') } },
      { type: 'access', subject: { kind: 'client', tenantId: tenantId.toUpperCase(), clientId: newId('cli') } },
      { type: 'access', subject: { kind: 'client', tenantId: [tenantId], clientId: newId('cli') } },
      { type: 'access', subject: { kind: 'self', tenantId } },
    ]) {
      const res = await request(h.url).post(REQUESTS).set('authorization', auth).send(body);
      expect([JSON.stringify(body), res.status, res.body.type]).toEqual([JSON.stringify(body), 400, 'x/invalid']);
      expect(JSON.parse(last().body)).toEqual(body);
      await expectTenantLess();
    }
    const before = forwarded();
    const post = () => request(h.url).post(REQUESTS).set('authorization', auth);
    expect((await post().set('content-type', 'application/json').send('{"type":')).status).toBe(400);
    expect((await post().set('content-type', 'application/json').send('"access"')).status).toBe(400);
    expect((await post().type('form').send('type=access')).status).toBe(415);
    expect((await post().send({ ...clientRequest(tenantId), pad: 'x'.repeat(65 * 1024) })).status).toBe(413);
    expect(forwarded()).toBe(before);
  });

  it.each([
    ['get', `${REQUESTS}?limit=10&cursor=eyJhIjoxfQ`, undefined],
    ['get', `${REQUESTS}/dsr_0000000000abcdef`, undefined],
    ['post', `${REQUESTS}/dsr_0000000000abcdef/extension`, { months: 1, reason: 'Many owners to ask.' }],
    ['get', '/api/v1/privacy/data-map', undefined],
  ] as const)('%s %s goes to privacy with a tenant-less caller carrying the realm roles', async (method, path, body) => {
    const user = newId('usr');
    await member(user, tenantId, 'owner');
    const req = request(h.url)[method](path).set('authorization', await asWithMfa(user, ['operator'])).set('cookie', 'a=b').set('x-homi-tenant', tenantId);
    expect((await (body ? req.send(body) : req)).status).toBe(200);
    expect([last().method, last().url]).toEqual([method.toUpperCase(), path]);
    if (body) expect(JSON.parse(last().body)).toEqual(body);
    expect(await expectTenantLess()).toMatchObject({ userId: user, realmRoles: ['operator'] });
    expect([last().headers.cookie, last().headers['x-homi-tenant']]).toEqual([undefined, undefined]);
  });

  it('answers 404 to any request id that is not a dsr_ id, and forwards nothing', async () => {
    const auth = await as(newId('usr'));
    const before = forwarded();
    for (const id of ['dsr_short', `dsr_${'x'.repeat(41)}`, 'DSR_0000000000abcdef', newId('cli'), 'not-an-id', 'dsr_0000000000abcdef%00', 'dsr_0000000000abcdef%2F..', '%20dsr_0000000000abcdef']) {
      for (const [method, path] of [['get', `${REQUESTS}/${id}`], ['get', `${REQUESTS}/${id}/export`], ['post', `${REQUESTS}/${id}/extension`]] as const) {
        const res = await request(h.url)[method](path).set('authorization', auth).send(method === 'post' ? { months: 1, reason: 'x'.repeat(10) } : undefined);
        expect([path, res.status]).toEqual([path, 404]);
        expect(res.body.detail).toBe('Privacy request was not found');
      }
    }
    expect(forwarded()).toBe(before);
  });

  it('never routes the privacy service\'s internal routes', async () => {
    const auth = await as(newId('usr'));
    const id = newId('dsr');
    const before = forwarded();
    for (const path of [
      `/internal/v1/privacy/requests/${id}/corrections`,
      `/api/v1/internal/v1/privacy/requests/${id}/corrections`,
      `/api/v1/privacy/internal/v1/privacy/requests/${id}/corrections`,
      `${REQUESTS}/${id}/corrections`,
    ]) {
      expect([path, (await request(h.url).get(path).set('authorization', auth)).status]).toEqual([path, 404]);
      const put = await request(h.url).put(path.replace('/corrections', '/parts/tenant-data')).set('authorization', auth).send({ category: 'x', data: {} });
      expect([path, put.status]).toEqual([path, 404]);
    }
    // Dot segments and encodings reach express as typed; they match no route either.
    for (const path of [`${REQUESTS}/../../../internal/v1/privacy/requests/${id}/corrections`, `${REQUESTS}/%2e%2e/%2e%2e/%2e%2e/internal/v1/privacy/requests/${id}/corrections`]) {
      // Not through a URL parser, which would resolve the dot segments before sending.
      const status = await new Promise<number | undefined>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port: new URL(h.url).port, path, headers: { authorization: auth } }, (res) => resolve(res.resume().statusCode)).on('error', reject);
      });
      expect([path, status]).toEqual([path, 404]);
    }
    // An upload as owners send it is refused before routing (the gateway takes JSON bodies only).
    const ndjson = await request(h.url).put(`/internal/v1/privacy/requests/${id}/parts/tenant-data`).set('content-type', 'application/x-ndjson').send('{"category":"x","data":{}}\n');
    expect(ndjson.status).toBe(415);
    expect((await request(h.url).get(`/api/v1/internal/v1/privacy/requests/${id}/corrections`)).status).toBe(401);
    expect(forwarded()).toBe(before);
  });

  it('keeps every privacy route open to a user who has not accepted the current statement, a request about a client included', async () => {
    const owner = newId('usr');
    const auth = await as(owner);
    await member(owner, tenantId, 'owner');
    await h.setStatement({ version: '2026-09', publishedAt: new Date().toISOString() });
    try {
      await eventually(async () => expect((await request(h.url).get(`/api/v1/tenants/${tenantId}`).set('authorization', auth)).status).toBe(403), 1_000);
      const id = newId('dsr');
      for (const [method, path, body] of [
        ['post', REQUESTS, clientRequest(tenantId)],
        ['post', REQUESTS, { type: 'access', subject: { kind: 'self' } }],
        ['get', REQUESTS, undefined],
        ['get', `${REQUESTS}/${id}`, undefined],
        ['get', `${REQUESTS}/${id}/export`, undefined],
        ['post', `${REQUESTS}/${id}/extension`, { months: 2, reason: 'x'.repeat(10) }],
        ['get', '/api/v1/privacy/data-map', undefined],
      ] as const) {
        const req = request(h.url)[method](path).set('authorization', auth);
        expect([method, path, (await (body ? req.send(body) : req)).status]).toEqual([method, path, 200]);
        expect(last().url).toBe(path);
      }
      expect((await callerOfLast()).userId).toBe(owner);
    } finally {
      await h.setStatement(undefined);
    }
  });

  it('lets a disabled (deleted) account read its requests and download its package, and nothing else', async () => {
    const deleted = newId('usr');
    const auth = await as(deleted);
    await member(deleted, tenantId, 'owner');
    await h.putUserAccess(userAccess(deleted, null, 'disabled'));
    await eventually(async () => expect((await h.gateway.users.get(deleted))?.status).toBe('disabled'));
    const id = newId('dsr');
    for (const path of [REQUESTS, `${REQUESTS}/${id}`, `${REQUESTS}/${id}/export`]) {
      expect([path, (await request(h.url).get(path).set('authorization', auth)).status]).toEqual([path, 200]);
      expect((await expectTenantLess()).userId).toBe(deleted);
    }
    const before = forwarded();
    for (const [method, path] of [['post', REQUESTS], ['post', `${REQUESTS}/${id}/extension`], ['get', '/api/v1/privacy/data-map'], ['get', `/api/v1/tenants/${tenantId}`]] as const) {
      const res = await request(h.url)[method](path).set('authorization', auth).send(method === 'post' ? clientRequest(tenantId) : undefined);
      expect([method, path, res.status, res.body.type]).toEqual([method, path, 401, expect.stringMatching(/\/account-disabled$/)]);
    }
    expect(forwarded()).toBe(before);
  });

  it('answers 503 upstream-unavailable naming privacy when the privacy service cannot be reached', async () => {
    await h.privacy.close();
    const res = await request(h.url).get(REQUESTS).set('authorization', await as(newId('usr')));
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ type: expect.stringMatching(/\/upstream-unavailable$/), detail: 'privacy cannot be reached right now.' });
  });
});
