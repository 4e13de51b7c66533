import request from 'supertest';
import { startedAroundAll } from '@homi/testing';
import { membershipKey } from '@homi/contracts';
import { newId } from '@homi/service-kit';
import { membership } from './support/fakes';
import { eventually, startHarness, startReplica, type Harness } from './support/harness';

describe('tenancy and module permissions from the memberships bucket', () => {
  let h: Harness;
  const tenantA = newId('ten');
  const tenantB = newId('ten');
  const clientPath = (tenant: string) => `/api/v1/tenants/${tenant}/clients/${newId('cli')}`;
  const as = async (userId: string) => `Bearer ${await h.issuer.token(userId)}`;

  startedAroundAll(startHarness, (started) => (h = started));

  const routesOf = (t: string): [string, string][] => [
    ['get', `/api/v1/tenants/${t}`],
    ['patch', `/api/v1/tenants/${t}`],
    ['get', `/api/v1/tenants/${t}/clients`],
    ['post', `/api/v1/tenants/${t}/clients`],
    ['get', clientPath(t)],
    ['patch', clientPath(t)],
    ['delete', clientPath(t)],
    ['get', `/api/v1/tenants/${t}/appointments`],
    ['post', `/api/v1/tenants/${t}/appointments`],
    ['get', `/api/v1/tenants/${t}/appointments/${newId('apt')}`],
    ['patch', `/api/v1/tenants/${t}/appointments/${newId('apt')}`],
    ['delete', `/api/v1/tenants/${t}/appointments/${newId('apt')}`],
  ];

  it('answers 404 on every route of a tenant the user is not a member of, exactly as for an unknown tenant', async () => {
    const owner = newId('usr');
    await h.putMembership(membership(owner, tenantA, {}, 'owner'));
    const auth = await as(owner);
    const unknownTenant = (await request(h.url).get(`/api/v1/tenants/${newId('ten')}`).set('authorization', auth)).body;
    for (const [method, path] of routesOf(tenantB)) {
      const res = await request(h.url)[method as 'get'](path).set('authorization', auth);
      expect([method, path, res.status]).toEqual([method, path, 404]);
      expect(res.body.detail).toBe(unknownTenant.detail);
    }
    expect(h.upstream.received.some((r) => r.url.includes(tenantB))).toBe(false);
  });

  it('refuses every clients route to staff with clients:none (403 module-permission-required)', async () => {
    const staff = newId('usr');
    await h.putMembership(membership(staff, tenantA, { agenda: 'edit', clients: 'none' }));
    const auth = await as(staff);
    for (const [method, path] of routesOf(tenantA).filter(([, p]) => p.includes('/clients'))) {
      const res = await request(h.url)[method as 'get'](path).set('authorization', auth).send(method === 'get' || method === 'delete' ? undefined : {});
      expect([method, path, res.status]).toEqual([method, path, 403]);
      expect(res.body.type).toMatch(/\/module-permission-required$/);
    }
    expect((await request(h.url).get(`/api/v1/tenants/${tenantA}/appointments`).set('authorization', auth)).status).toBe(200);
  });

  it('lets clients:view read clients but not change them', async () => {
    const viewer = newId('usr');
    await h.putMembership(membership(viewer, tenantA, { clients: 'view' }));
    const auth = await as(viewer);
    expect((await request(h.url).get(`/api/v1/tenants/${tenantA}/clients`).set('authorization', auth)).status).toBe(200);
    expect((await request(h.url).get(clientPath(tenantA)).set('authorization', auth)).status).toBe(200);
    expect((await request(h.url).post(`/api/v1/tenants/${tenantA}/clients`).set('authorization', auth).send({ name: 'A' })).status).toBe(403);
    expect((await request(h.url).patch(clientPath(tenantA)).set('authorization', auth).send({ name: 'B' })).status).toBe(403);
    expect((await request(h.url).delete(clientPath(tenantA)).set('authorization', auth)).status).toBe(403);
  });

  it('applies a permission change written to the bucket within a second, without restart', async () => {
    const user = newId('usr');
    await h.putMembership(membership(user, tenantA, { clients: 'view' }));
    const auth = await as(user);
    const create = () => request(h.url).post(`/api/v1/tenants/${tenantA}/clients`).set('authorization', auth).send({ name: 'C' });
    await eventually(async () => expect((await request(h.url).get(`/api/v1/tenants/${tenantA}/clients`).set('authorization', auth)).status).toBe(200));
    expect((await create()).status).toBe(403);

    await h.putMembership(membership(user, tenantA, { clients: 'edit' }));
    const granted = await eventually(async () => expect((await create()).status).toBe(200), 1_000);
    expect(granted).toBeLessThan(1_000);

    await h.putMembership(membership(user, tenantA, { clients: 'none' }));
    await eventually(async () => expect((await create()).status).toBe(403), 1_000);

    await h.deleteMembership(user, tenantA);
    await eventually(async () => expect((await create()).status).toBe(404), 1_000);
  });

  it('ignores an invalid entry: it grants nothing', async () => {
    const user = newId('usr');
    const auth = await as(user);
    await h.bucket.put(membershipKey(user, tenantA), JSON.stringify({ userId: user, tenantId: tenantA, role: 'owner' }));
    await h.bucket.put(membershipKey(user, tenantB), 'not json');
    const other = membership(newId('usr'), tenantA, {}, 'owner');
    await h.bucket.put(membershipKey(user, tenantA), JSON.stringify(other)); // someone else's membership under this user's key
    await eventually(async () => expect(h.logLines.join('')).toContain('ignoring invalid membership entry'));
    expect((await request(h.url).get(`/api/v1/tenants/${tenantA}`).set('authorization', auth)).status).toBe(404);
    expect((await request(h.url).get(`/api/v1/tenants/${tenantB}`).set('authorization', auth)).status).toBe(404);
  });

  it('answers malformed ids with 404 and forwards nothing', async () => {
    const owner = newId('usr');
    await h.putMembership(membership(owner, tenantA, {}, 'owner'));
    const auth = await as(owner);
    await eventually(async () => expect((await request(h.url).get(`/api/v1/tenants/${tenantA}`).set('authorization', auth)).status).toBe(200));
    const before = h.upstream.received.length;
    for (const path of [
      '/api/v1/tenants/ten_short',
      '/api/v1/tenants/cli_0123456789abcdef',
      `/api/v1/tenants/${tenantA.toUpperCase()}`,
      `/api/v1/tenants/${tenantA}%2F..`,
      `/api/v1/tenants/${tenantA}/clients/not-an-id`,
      `/api/v1/tenants/${tenantA}/clients/${newId('apt')}`,
      `/api/v1/tenants/${tenantA}/appointments/${newId('cli')}`,
      `/api/v1/tenants/${tenantA}/appointments/apt_${'x'.repeat(41)}`,
    ]) {
      const res = await request(h.url).get(path).set('authorization', auth);
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect(h.upstream.received.length).toBe(before);
  });

  it('picks up memberships written before it started', async () => {
    const user = newId('usr');
    await h.putMembership(membership(user, tenantB, {}, 'owner'));
    const restarted = await startReplica(h);
    try {
      const res = await request(restarted.url).get(`/api/v1/tenants/${tenantB}`).set('authorization', await as(user));
      expect(res.status).toBe(200);
    } finally {
      await restarted.stop();
    }
  });
});
