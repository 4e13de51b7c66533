import { client, eventually, startPlatformForFile, type Platform } from './platform';

// Issue 3 as a new user meets it: sign up, log in, see the owner membership, add a colleague
// with clients:view, see the colleague refused writes, raise to edit, see writes succeed.
let p: Platform;
startPlatformForFile((started) => (p = started));

describe('accounts, members and permissions, end to end', () => {
  it('signs up an owner who sees the membership and whose colleague gets exactly the rights granted', async () => {
    const institute = await p.signup('Salon Lente');
    const owner = client(p.gateway, institute.ownerToken);
    const me = await owner.get('/me');
    expect(me.status).toBe(200);
    expect(me.body.memberships).toEqual([expect.objectContaining({ tenantId: institute.tenantId, instituteName: 'Salon Lente', role: 'owner' })]);
    await eventually(async () => (await owner.get(`/tenants/${institute.tenantId}`)).status === 200, 'the institute profile');

    const colleague = await p.addMember(institute, 'staff', { clients: 'view' }, { acceptStatement: false });
    const staff = client(p.gateway, await p.login(colleague));
    const clients = `/tenants/${institute.tenantId}/clients`;
    // First the colleague must accept the privacy statement, as every user must.
    const gated = await staff.get(clients);
    expect(gated.status).toBe(403);
    expect(gated.body.type).toMatch(/privacy-statement-acceptance-required$/);
    const version = gated.body.currentVersion;
    expect((await staff.post('/me/privacy-statement-acceptances', { version })).status).toBe(204);
    await eventually(async () => (await staff.get(clients)).status === 200, 'the acceptance to reach the gateway', 5000);
    expect((await staff.post(clients, { name: 'Not allowed' })).status).toBe(403);

    const raised = await owner.patch(`/tenants/${institute.tenantId}/members/${colleague.id}`, { permissions: { clients: 'edit' } });
    expect(raised.status).toBe(200);
    const started = Date.now();
    await eventually(async () => (await staff.post(clients, { name: `Allowed ${Date.now()}` })).status === 201, 'the raised permission', 5000);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('refuses duplicate e-mail, weak passwords, missing or unknown statement acceptance, and creates nothing', async () => {
    const api = client(p.gateway);
    const version = (await api.get('/privacy-statement')).body.version;
    const base = { email: 'dup@e2e.homi.test', password: 'a-very-long-password-1', name: 'Dup', institute: { name: 'Dup Salon' }, acceptedPrivacyStatementVersion: version };
    expect((await api.post('/signup', base)).status).toBe(201);
    const refused = [
      await api.post('/signup', { ...base, institute: { name: 'Second' } }),
      await api.post('/signup', { ...base, email: 'weak@e2e.homi.test', password: 'short' }),
      await api.post('/signup', { ...base, email: 'noaccept@e2e.homi.test', acceptedPrivacyStatementVersion: undefined }),
      await api.post('/signup', { ...base, email: 'unknown@e2e.homi.test', acceptedPrivacyStatementVersion: '1999-01' }),
    ];
    for (const res of refused) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    expect(refused[0]?.status).toBe(409);
    for (const email of ['weak@e2e.homi.test', 'noaccept@e2e.homi.test', 'unknown@e2e.homi.test']) {
      const login = await fetch(`${p.issuer}/protocol/openid-connect/token`, {
        method: 'POST',
        body: new URLSearchParams({ client_id: 'homi-cli', grant_type: 'password', username: email, password: base.password }),
      });
      expect(login.status).toBe(401);
    }
  });

  it('locks a deleted account out at once and answers with the erasure request', async () => {
    const institute = await p.signup('Leaving Salon');
    const owner = client(p.gateway, institute.ownerToken);
    const deleted = await owner.delete('/me');
    expect(deleted.status).toBe(202);
    expect(deleted.body.erasureRequestId).toMatch(/^dsr_/);
    await eventually(async () => (await owner.get(`/tenants/${institute.tenantId}/clients`)).status === 401, 'the lock-out', 5000);
    const again = await fetch(`${p.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: 'homi-cli', grant_type: 'password', username: institute.owner.email, password: institute.owner.password }),
    });
    expect(again.status).toBeGreaterThanOrEqual(400);
  });
});
