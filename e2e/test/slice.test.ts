import { client, eventually, startPlatformForFile, type Platform } from './platform';

// The first vertical slice as a user meets it: tokens from the issuer, clients and appointments
// through the gateway, tenants kept apart, module permissions enforced.
let p: Platform;
startPlatformForFile((started) => (p = started));

const waitForInstitute = (api: ReturnType<typeof client>, tenantId: string) =>
  eventually(async () => {
    const res = await api.get(`/tenants/${tenantId}`);
    return res.status === 200 && res.body;
  }, 'the institute profile');

describe('the first slice, end to end', () => {
  it('lets an owner log in, see the institute and manage clients and appointments', async () => {
    const { tenantId, ownerToken } = await p.signup('Salon Zonnebloem');
    const api = client(p.gateway, ownerToken);
    expect((await waitForInstitute(api, tenantId)).name).toBe('Salon Zonnebloem');

    const created = await api.post(`/tenants/${tenantId}/clients`, { name: 'Femke Visser', email: 'femke@example.nl', phone: '0612345678' });
    expect(created.status).toBe(201);
    const apt = await api.post(`/tenants/${tenantId}/appointments`, {
      clientId: created.body.id, startsAt: '2026-12-01T10:00:00+01:00', endsAt: '2026-12-01T11:00:00+01:00', treatment: 'Pedicure', notes: 'nagels kort',
    });
    expect(apt.status).toBe(201);
    const clients = await api.get(`/tenants/${tenantId}/clients?q=femke`);
    expect(clients.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    const agenda = await api.get(`/tenants/${tenantId}/appointments`);
    expect(agenda.body.items).toHaveLength(1);
    expect(agenda.body.items[0]).toMatchObject({ treatment: 'Pedicure', client: { name: 'Femke Visser', phone: '0612345678' } });
  });

  it("answers 404 on every client and appointment route of another tenant, even with valid ids", async () => {
    const [a, b] = [await p.signup('A'), await p.signup('B')];
    const [ta, tb] = [a.tenantId, b.tenantId];
    const apiB = client(p.gateway, b.ownerToken);
    const cli = (await apiB.post(`/tenants/${tb}/clients`, { name: 'Client of B' })).body.id;
    const apt = (await apiB.post(`/tenants/${tb}/appointments`, { clientId: cli, startsAt: '2026-12-01T10:00:00Z', endsAt: '2026-12-01T11:00:00Z', treatment: 'x' })).body.id;
    const apiA = client(p.gateway, a.ownerToken);
    const attempts = [
      apiA.get(`/tenants/${tb}`),
      apiA.patch(`/tenants/${tb}`, { name: 'x' }),
      apiA.get(`/tenants/${tb}/clients`),
      apiA.post(`/tenants/${tb}/clients`, { name: 'x' }),
      apiA.get(`/tenants/${tb}/clients/${cli}`),
      apiA.patch(`/tenants/${tb}/clients/${cli}`, { name: 'x' }),
      apiA.delete(`/tenants/${tb}/clients/${cli}`),
      apiA.get(`/tenants/${tb}/appointments`),
      apiA.post(`/tenants/${tb}/appointments`, { clientId: cli, startsAt: '2026-12-01T10:00:00Z', endsAt: '2026-12-01T11:00:00Z', treatment: 'x' }),
      apiA.get(`/tenants/${tb}/appointments/${apt}`),
      apiA.patch(`/tenants/${tb}/appointments/${apt}`, { treatment: 'x' }),
      apiA.delete(`/tenants/${tb}/appointments/${apt}`),
      apiA.get(`/tenants/${ta}/clients/${cli}`),
      apiA.get(`/tenants/${ta}/appointments/${apt}`),
      apiA.get(`/tenants/${tb}/members`),
      apiA.post(`/tenants/${tb}/members`, { email: 'x@example.nl', role: 'admin' }),
      apiA.patch(`/tenants/${tb}/members/${b.owner.id}`, { role: 'staff' }),
      apiA.delete(`/tenants/${tb}/members/${b.owner.id}`),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    expect((await apiB.get(`/tenants/${tb}/clients/${cli}`)).body.name).toBe('Client of B');
  });

  it('refuses staff with clients:none (403) and lets clients:view read but not write', async () => {
    const institute = await p.signup('Praktijk');
    const t = institute.tenantId;
    const ownerApi = client(p.gateway, institute.ownerToken);
    const cli = (await ownerApi.post(`/tenants/${t}/clients`, { name: 'Joost' })).body.id;
    const none = await p.addMember(institute, 'staff', { agenda: 'view' });
    const viewer = await p.addMember(institute, 'staff', { clients: 'view' });
    const noneApi = client(p.gateway, await p.login(none));
    expect((await noneApi.get(`/tenants/${t}/clients`)).status).toBe(403);
    expect((await noneApi.get(`/tenants/${t}/clients/${cli}`)).status).toBe(403);
    const viewApi = client(p.gateway, await p.login(viewer));
    expect((await viewApi.get(`/tenants/${t}/clients/${cli}`)).status).toBe(200);
    expect((await viewApi.get(`/tenants/${t}/clients`)).status).toBe(200);
    expect((await viewApi.post(`/tenants/${t}/clients`, { name: 'x' })).status).toBe(403);
    expect((await viewApi.patch(`/tenants/${t}/clients/${cli}`, { name: 'x' })).status).toBe(403);
    expect((await viewApi.delete(`/tenants/${t}/clients/${cli}`)).status).toBe(403);
    expect((await viewApi.get(`/tenants/${t}/appointments`)).status).toBe(403);
  });

  it('answers hostile input with 4xx problem+json and leaves the data unchanged', async () => {
    const { tenantId: t, ownerToken } = await p.signup('Hostile');
    const api = client(p.gateway, ownerToken);
    const cli = (await api.post(`/tenants/${t}/clients`, { name: 'Only One' })).body.id;
    const cases = [
      api.post(`/tenants/${t}/clients`, '{"name": "broken'),
      api.post(`/tenants/${t}/clients`, { name: ['not', 'a', 'string'] }),
      api.post(`/tenants/${t}/clients`, { name: 'x', role: 'admin' }),
      api.post(`/tenants/${t}/clients`, { name: 'x'.repeat(70_000) }),
      api.post(`/tenants/${t}/clients`, 'name=x', { 'content-type': 'application/x-www-form-urlencoded' }),
      api.patch(`/tenants/${t}/clients/${cli}`, { dateOfBirth: '31-12-1990' }),
      api.get(`/tenants/${t}/clients/../../tenants`),
      api.get(`/tenants/${t}/clients/cli_%27%20or%201%3D1`),
      api.get(`/tenants/not-a-tenant/clients`),
      api.get(`/tenants/${t}/clients?cursor=%%%`),
      api.get(`/tenants/${t}/clients?cursor=eyJuIjpbXX0`),
      api.get(`/tenants/${t}/clients?limit=100000`),
      api.get(`/tenants/${t}/appointments?from=yesterday`),
      api.post(`/tenants/${t}/appointments`, { clientId: 'cli_nonexistent0001', startsAt: '2026-12-01T10:00:00Z', endsAt: '2026-12-01T11:00:00Z', treatment: 'x' }),
    ];
    for (const res of await Promise.all(cases)) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    const after = await api.get(`/tenants/${t}/clients`);
    expect(after.body.items).toHaveLength(1);
    expect(after.body.items[0]).toMatchObject({ id: cli, name: 'Only One', dateOfBirth: null });
  });

  it('serves the OpenAPI 3.1 document and a docs page without a token', async () => {
    const doc = await client(p.gateway).get('/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\.1/);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/tenants/{tenantId}/clients', '/tenants/{tenantId}/appointments/{id}']));
    const page = await fetch(`${p.gateway}/api/v1/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/tenants/{tenantId}/clients');
  });
});
