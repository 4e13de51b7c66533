import request from 'supertest';
import { startedAroundAll } from '@homi/testing';
import { newId } from '@homi/service-kit';
import { API_ROUTES } from '../src/http/route-table';
import { callerSent } from './support/caller';
import { membership, userAccess } from './support/fakes';
import { eventually, startHarness, type Harness } from './support/harness';
import { concretePath, grantedSupportUser, supportClaims, supportGrant } from './support/support-fixtures';

const problemType = (res: request.Response) => String(res.body.type).split('/').pop();

describe('support users in tenants (issue 6)', () => {
  let h: Harness;
  startedAroundAll(startHarness, (started) => (h = started));

  const supportToken = async (userId: string, ageSeconds = 0, overrides = {}) =>
    `Bearer ${await h.issuer.token(userId, supportClaims(ageSeconds, overrides))}`;
  const forwardedFor = (tenantId: string) =>
    [h.upstream, h.identity, h.privacy, h.billing, h.helpdesk].flatMap((u) => u.received).filter((r) => r.url.includes(tenantId) || r.body.includes(tenantId));

  it('refuses a support user without a grant on every tenant route (403 support-access-grant-required)', async () => {
    const tenantId = newId('ten');
    const auth = await supportToken(newId('usr'));
    const tenantRoutes = API_ROUTES.filter((route) => route.audience.kind === 'tenant');
    expect(tenantRoutes.length).toBeGreaterThan(15);
    for (const route of tenantRoutes) {
      const res = await request(h.url)[route.method](concretePath(route, tenantId)).set('authorization', auth).send(route.body ? {} : undefined);
      expect([route.operationId, res.status, problemType(res)]).toEqual([route.operationId, 403, 'support-access-grant-required']);
    }
    expect(forwardedFor(tenantId)).toEqual([]);
  });

  it('lets a clients:view read grant read clients, and nothing more', async () => {
    const { tenantId, supportUserId, grant } = await grantedSupportUser(h);
    const auth = await supportToken(supportUserId);
    const clients = `/api/v1/tenants/${tenantId}/clients`;
    await eventually(async () => expect((await request(h.url).get(clients).set('authorization', auth)).status).toBe(200));

    const caller = await callerSent(h.upstream.received.at(-1), 'tenant-data');
    expect(caller).toMatchObject({
      userId: supportUserId, tenantId, role: 'staff', support: { requestId: grant.requestId },
      permissions: { clients: 'view', agenda: 'none', invoicing: 'none', reports: 'none', settings: 'none', users: 'none' },
    });
    expect(caller.realmRoles).toContain('support');

    const refused = [
      request(h.url).post(clients).set('authorization', auth).send({ name: 'Nieuw' }),
      request(h.url).delete(`${clients}/${newId('cli')}`).set('authorization', auth),
      request(h.url).get(`/api/v1/tenants/${tenantId}/appointments`).set('authorization', auth),
      request(h.url).get(`/api/v1/tenants/${tenantId}/invoices`).set('authorization', auth),
      request(h.url).get(`/api/v1/tenants/${tenantId}/integrations/factuursturen`).set('authorization', auth),
      request(h.url).get(`/api/v1/tenants/${tenantId}/members`).set('authorization', auth),
      request(h.url).get(`/api/v1/tenants/${tenantId}`).set('authorization', auth),
      request(h.url).post('/api/v1/privacy/requests').set('authorization', auth)
        .send({ type: 'access', subject: { kind: 'client', tenantId, clientId: newId('cli') } }),
    ];
    const before = forwardedFor(tenantId).length;
    for (const res of await Promise.all(refused)) {
      expect([res.status, problemType(res)]).toEqual([403, 'support-access-out-of-scope']);
    }
    expect(forwardedFor(tenantId).length).toBe(before);
  });

  it('does not ask a support user to accept the customers\' privacy statement', async () => {
    const tenantId = newId('ten');
    const supportUserId = newId('usr');
    await h.putUserAccess(userAccess(supportUserId, null));
    await h.setStatement({ version: '2026-01', publishedAt: new Date().toISOString() });
    try {
      await h.putGrant(supportGrant(supportUserId, tenantId));
      const auth = await supportToken(supportUserId);
      await eventually(async () => expect((await request(h.url).get(`/api/v1/tenants/${tenantId}/clients`).set('authorization', auth)).status).toBe(200));
    } finally {
      await h.setStatement(undefined);
    }
  });

  it('ends access at expiresAt by the gateway\'s clock, even while the key is still in the bucket', async () => {
    const tenantId = newId('ten');
    const supportUserId = newId('usr');
    const expiresAt = new Date(Date.now() + 1_500).toISOString();
    const grant = supportGrant(supportUserId, tenantId, { expiresAt });
    await h.putGrant(grant);
    const auth = await supportToken(supportUserId);
    const get = () => request(h.url).get(`/api/v1/tenants/${tenantId}/clients`).set('authorization', auth);
    await eventually(async () => expect((await get()).status).toBe(200));

    await new Promise((r) => setTimeout(r, Date.parse(expiresAt) - Date.now() + 50));
    const res = await get();
    expect([res.status, problemType(res)]).toEqual([403, 'support-access-grant-required']);
    expect((await h.grantsBucket.get(grant.requestId))?.operation).toBe('PUT');
  });

  it('refuses the next call once the grant is revoked (key deleted)', async () => {
    const { tenantId, supportUserId, grant } = await grantedSupportUser(h, { modules: ['clients', 'agenda'], mode: 'write' });
    const auth = await supportToken(supportUserId);
    const create = () => request(h.url).post(`/api/v1/tenants/${tenantId}/appointments`).set('authorization', auth).send({ treatment: 'x' });
    await eventually(async () => expect((await create()).status).toBe(200));

    await h.deleteGrant(grant.requestId);
    await eventually(async () => expect(problemType(await create())).toBe('support-access-grant-required'));
  });

  it('refuses the very next call once an owner revoked through this gateway, before the key is deleted', async () => {
    const { tenantId, supportUserId, grant } = await grantedSupportUser(h);
    const owner = newId('usr');
    await h.putMembership(membership(owner, tenantId, {}, 'owner'));
    const auth = await supportToken(supportUserId);
    const ownerAuth = `Bearer ${await h.issuer.token(owner)}`;
    const read = () => request(h.url).get(`/api/v1/tenants/${tenantId}/clients`).set('authorization', auth);
    await eventually(async () => expect((await read()).status).toBe(200));
    await eventually(async () => expect((await request(h.url).get(`/api/v1/tenants/${tenantId}/support-access`).set('authorization', ownerAuth)).status).toBe(200));

    const revoked = await request(h.url).post(`/api/v1/tenants/${tenantId}/support-access/${grant.requestId}/revoke`).set('authorization', ownerAuth).send({});
    expect(revoked.status).toBe(200);
    expect((await h.grantsBucket.get(grant.requestId))?.operation).toBe('PUT'); // identity has not deleted it yet
    expect(problemType(await read())).toBe('support-access-grant-required');
  });

  it('answers a stale or single-factor login with 401 step-up-required and the RFC 9470 challenge', async () => {
    const tenantId = newId('ten');
    const supportUserId = newId('usr');
    await h.putGrant(supportGrant(supportUserId, tenantId));
    const fresh = await supportToken(supportUserId);
    const clients = `/api/v1/tenants/${tenantId}/clients`;
    await eventually(async () => expect((await request(h.url).get(clients).set('authorization', fresh)).status).toBe(200));
    const before = forwardedFor(tenantId).length;

    for (const auth of [
      await supportToken(supportUserId, 901),
      await supportToken(supportUserId, 0, { acr: '1', amr: ['pwd'] }),
      await supportToken(supportUserId, 0, { auth_time: undefined }),
      await supportToken(supportUserId, 0, { auth_time: Math.floor(Date.now() / 1000) + 3600 }),
    ]) {
      const res = await request(h.url).get(clients).set('authorization', auth);
      expect([res.status, problemType(res)]).toEqual([401, 'step-up-required']);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.headers['www-authenticate']).toBe(
        'Bearer realm="homi", error="insufficient_user_authentication", ' +
          'error_description="A recent multi-factor sign-in is required", acr_values="2", max_age=900',
      );
    }
    // amr alone (an issuer without the acr level mapping) proves the second factor too.
    const amrOnly = await supportToken(supportUserId, 60, { acr: '1', amr: ['pwd', 'hwk'] });
    expect((await request(h.url).get(clients).set('authorization', amrOnly)).status).toBe(200);
    expect(forwardedFor(tenantId).length).toBe(before + 1);
  });

  it('treats a support user who is a member of the tenant as a member, and other users as before', async () => {
    const tenantId = newId('ten');
    const supportMember = newId('usr');
    await h.putMembership(membership(supportMember, tenantId, { agenda: 'view' }));
    const auth = await supportToken(supportMember, 3600, { acr: '1', amr: ['pwd'] });
    await eventually(async () => expect((await request(h.url).get(`/api/v1/tenants/${tenantId}/appointments`).set('authorization', auth)).status).toBe(200));
    const outsider = `Bearer ${await h.issuer.token(newId('usr'))}`;
    expect((await request(h.url).get(`/api/v1/tenants/${tenantId}/clients`).set('authorization', outsider)).status).toBe(404);
  });
});
