import { client, completedRequest, eventually, FACTUURSTUREN_ACCOUNT, startPlatformForFile, type Institute, type Platform } from './platform';

// Issue 12, items 1 and 2, tried through the public API as an attacker inside an institute would:
// client data without client rights, and client data to a third party without the owner's consent.
let p: Platform;
startPlatformForFile((started) => (p = started));

async function instituteWithClient(name: string): Promise<{ institute: Institute; owner: ReturnType<typeof client>; clientId: string }> {
  const institute = await p.signup(name);
  const owner = client(p.gateway, institute.ownerToken);
  const created = await owner.post(`/tenants/${institute.tenantId}/clients`, {
    name: 'Cornelia Geheim', email: 'cornelia.geheim@example.nl', phone: '0611112222', dateOfBirth: '1961-04-02',
    address: { street: 'Lindelaan', houseNumber: '4', postcode: '3511 AB', city: 'Utrecht' }, notes: 'diabetes, voorzichtig met knippen',
  });
  expect(created.status).toBe(201);
  return { institute, owner, clientId: created.body.id };
}

describe('a privacy request about a client', () => {
  it('is refused (403, nothing recorded) to an admin with clients:none, whatever the type, and the client stays', async () => {
    const { institute, owner, clientId } = await instituteWithClient('Salon Inbraak');
    const subject = { kind: 'client', tenantId: institute.tenantId, clientId };
    const admin = client(p.gateway, await p.login(await p.addMember(institute, 'admin', { clients: 'none' })));
    for (const body of [
      { type: 'access', subject },
      { type: 'erasure', subject },
      { type: 'rectification', subject, corrections: { email: 'attacker@example.nl' } },
    ]) {
      const res = await admin.post('/privacy/requests', body);
      expect([body.type, res.status, res.body.type]).toEqual([body.type, 403, expect.stringMatching(/client-permission-required$/)]);
    }
    expect((await admin.get('/privacy/requests')).body.items).toEqual([]);
    const kept = await owner.get(`/tenants/${institute.tenantId}/clients/${clientId}`);
    expect([kept.status, kept.body.email]).toEqual([200, 'cornelia.geheim@example.nl']);
  });

  it('needs clients:view for access and clients:edit for erasure and rectification', async () => {
    const { institute, clientId } = await instituteWithClient('Salon Kijker');
    const subject = { kind: 'client', tenantId: institute.tenantId, clientId };
    const viewer = client(p.gateway, await p.login(await p.addMember(institute, 'admin', { clients: 'view' })));
    expect((await viewer.post('/privacy/requests', { type: 'erasure', subject })).status).toBe(403);
    expect((await viewer.post('/privacy/requests', { type: 'rectification', subject, corrections: { phone: '0600000000' } })).status).toBe(403);
    expect((await viewer.post('/privacy/requests', { type: 'access', subject })).status).toBe(202);
  });

  it('is out of reach of its requester once removed from the institute: no read, extension or download', async () => {
    const { institute, owner, clientId } = await instituteWithClient('Salon Vertrek');
    const subject = { kind: 'client', tenantId: institute.tenantId, clientId };
    const leaver = await p.addMember(institute, 'admin');
    const api = client(p.gateway, await p.login(leaver));
    const id = (await api.post('/privacy/requests', { type: 'access', subject })).body.id as string;
    await completedRequest(api, id);
    expect((await api.get(`/privacy/requests/${id}/export`)).status).toBe(200);

    expect((await owner.delete(`/tenants/${institute.tenantId}/members/${leaver.id}`)).status).toBe(204);
    const read = await eventually(async () => {
      const res = await api.get(`/privacy/requests/${id}`);
      return res.status !== 200 && res;
    }, 'the removal to reach the gateway');
    expect([read.status, read.body.type]).toEqual([403, expect.stringMatching(/client-permission-required$/)]);
    expect((await api.get(`/privacy/requests/${id}/export`)).status).toBe(403);
    expect((await api.post(`/privacy/requests/${id}/extension`, { months: 1, reason: 'het kost meer tijd dan gedacht' })).status).toBe(403);
    expect((await api.get('/privacy/requests')).body.items).toEqual([]);
  });
});

describe('the invoicing account', () => {
  it("is the owner's to connect and to consent to sharing client data; invoicing a client also needs clients:view", async () => {
    const { institute, owner, clientId } = await instituteWithClient('Salon Boekhouding');
    const t = institute.tenantId;
    const clerk = client(p.gateway, await p.login(await p.addMember(institute, 'admin', { invoicing: 'edit', clients: 'none' })));
    const connect = await clerk.put(`/tenants/${t}/integrations/factuursturen`, { ...FACTUURSTUREN_ACCOUNT, shareClientData: true });
    expect([connect.status, connect.body.type]).toEqual([403, expect.stringMatching(/role-required$/)]);
    expect((await owner.get(`/tenants/${t}/integrations/factuursturen`)).status).toBe(404);

    expect((await owner.put(`/tenants/${t}/integrations/factuursturen`, { ...FACTUURSTUREN_ACCOUNT, shareClientData: true })).status).toBe(200);
    expect((await clerk.delete(`/tenants/${t}/integrations/factuursturen`)).status).toBe(403);
    const line = { description: 'Medische pedicure', quantity: 1, unitPriceCents: 4500, taxRate: 21 };
    const invoice = await clerk.post(`/tenants/${t}/invoices`, { clientId, lines: [line] });
    expect([invoice.status, invoice.body.type]).toEqual([403, expect.stringMatching(/module-permission-required$/)]);
    expect((await owner.get(`/tenants/${t}/invoices`)).body.items).toEqual([]);
    expect((await owner.post(`/tenants/${t}/invoices`, { clientId, lines: [line] })).status).toBe(202);
  });
});
