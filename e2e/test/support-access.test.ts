import { client, eventually, startPlatform, type Institute, type Platform, type SupportPerson } from './platform';
import { openTicket } from './tickets';

// Issue 6's journey through the public API, with the real issuer (TOTP logins), identity, gateway
// and tenant-data as processes: no grant, ask, approve clients:view for 30 minutes, read but not
// write, nothing of invoicing, revoke, refused; each step in the tenant's audit log.

const type = (res: { body: { type?: string } }) => String(res.body?.type ?? '').split('/').pop();

describe('support access with the customer\'s approval (issue 6)', () => {
  let p: Platform;
  let salon: Institute;
  let agent: SupportPerson;
  let colleague: SupportPerson;
  let clientId: string;

  beforeAll(async () => {
    p = await startPlatform();
    salon = await p.signup('Salon Support');
    const created = await client(p.gateway, salon.ownerToken).post(`/tenants/${salon.tenantId}/clients`, { name: 'Anna de Vries', email: 'anna@example.nl' });
    expect(created.status).toBe(201);
    clientId = created.body.id;
    agent = await p.supportUser();
    colleague = await p.supportUser();
  }, 120_000);
  afterAll(() => p?.stop());

  const tenantRoutes = (tenantId: string) => [
    ['GET', `/tenants/${tenantId}`],
    ['GET', `/tenants/${tenantId}/clients`],
    ['GET', `/tenants/${tenantId}/clients/${'cli_' + 'x'.repeat(20)}`],
    ['POST', `/tenants/${tenantId}/clients`],
    ['GET', `/tenants/${tenantId}/appointments`],
    ['GET', `/tenants/${tenantId}/members`],
    ['GET', `/tenants/${tenantId}/invoices`],
    ['GET', `/tenants/${tenantId}/integrations/factuursturen`],
    ['GET', `/tenants/${tenantId}/support-access`],
    ['GET', `/tenants/${tenantId}/audit-log`],
    ['GET', `/tenants/${tenantId}/usage`],
  ] as const;

  it('walks from no access, through an approved read grant, to revocation, all in the audit log', async () => {
    const support = client(p.gateway, await p.loginWithMfa(agent));
    const owner = client(p.gateway, salon.ownerToken);

    // No grant: 403 on every tenant route, whatever the module.
    for (const [method, path] of tenantRoutes(salon.tenantId)) {
      const res = method === 'GET' ? await support.get(path) : await support.post(path, { name: 'x' });
      expect([method, path, res.status, type(res)]).toEqual([method, path, 403, 'support-access-grant-required']);
    }
    // Nor through a privacy request about one of the tenant's clients.
    const viaPrivacy = await support.post('/privacy/requests', { type: 'access', subject: { kind: 'client', tenantId: salon.tenantId, clientId } });
    expect([403, 404]).toContain(viaPrivacy.status);

    // Ask; the owner sees it and approves clients:view for 30 minutes (asked: 2 hours).
    const ticketId = await openTicket(p.gateway, { tenantId: salon.tenantId, token: salon.ownerToken });
    const asked = await support.post('/support/access-requests', {
      tenantId: salon.tenantId, reason: 'customer_initiated', ticketId, modules: ['clients'], durationMinutes: 120,
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', mode: 'read' });
    const requestId = asked.body.id;
    const listed = await owner.get(`/tenants/${salon.tenantId}/support-access`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(requestId);
    const approved = await owner.post(`/tenants/${salon.tenantId}/support-access/${requestId}/approve`, { durationMinutes: 30 });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('active');
    expect(approved.body.grant).toMatchObject({ modules: ['clients'], mode: 'read', durationMinutes: 30 });
    const minutes = (Date.parse(approved.body.grant.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(28);
    expect(minutes).toBeLessThanOrEqual(30);

    // Read clients (the grant reaches the gateway through the KV bucket), but not write, nor invoicing.
    const read = await eventually(async () => {
      const res = await support.get(`/tenants/${salon.tenantId}/clients`);
      return res.status === 200 ? res : undefined;
    }, 'the grant reaching the gateway');
    expect(read.body.items.map((c: { id: string }) => c.id)).toContain(clientId);
    expect((await support.get(`/tenants/${salon.tenantId}/clients/${clientId}`)).status).toBe(200);
    const write = await support.patch(`/tenants/${salon.tenantId}/clients/${clientId}`, { name: 'Changed by support' });
    expect([write.status, type(write)]).toEqual([403, 'support-access-out-of-scope']);
    const create = await support.post(`/tenants/${salon.tenantId}/clients`, { name: 'New by support' });
    expect([create.status, type(create)]).toEqual([403, 'support-access-out-of-scope']);
    for (const path of [`/tenants/${salon.tenantId}/invoices`, `/tenants/${salon.tenantId}/integrations/factuursturen`, `/tenants/${salon.tenantId}/appointments`]) {
      expect((await support.get(path)).status).toBe(403);
    }
    expect((await owner.get(`/tenants/${salon.tenantId}/clients/${clientId}`)).body.name).toBe('Anna de Vries');

    // The owner revokes: the next call is refused.
    const revoked = await owner.post(`/tenants/${salon.tenantId}/support-access/${requestId}/revoke`, {});
    expect([revoked.status, revoked.body.status]).toEqual([200, 'revoked']);
    const after = await support.get(`/tenants/${salon.tenantId}/clients`);
    expect([after.status, type(after)]).toEqual([403, 'support-access-grant-required']);

    // Every step in the tenant's audit log, chained by hashes. The gateway's reports arrive over the bus
    // and identity appends them as they come (several at once), so they are placed by their time, not
    // their position; the refused call after the revocation may be held by the repeat throttle for 10 s.
    interface Entry { action: string; at: string; hash: string; actor: { kind: string; userId?: string }; details: { reason?: string; route?: string } }
    const revokedAt = Date.parse(revoked.body.endedAt);
    const refusedAfterRevocation = (e: Entry) =>
      e.action === 'support.refused' && e.details.reason === 'support-access-grant-required' && Date.parse(e.at) >= revokedAt;
    const log = await eventually(async () => {
      const items: Entry[] = (await owner.get(`/tenants/${salon.tenantId}/audit-log?limit=100`)).body.items;
      const actions = items.map((e) => e.action);
      return items.some(refusedAfterRevocation) && actions.filter((a) => a === 'support.action').length >= 2 ? items : undefined;
    }, 'the audit log holding the whole journey', 30_000);
    const actions = log.map((e) => e.action);
    for (const step of ['support.refused', 'support-access.requested', 'support-access.approved', 'support.action', 'support-access.revoked']) expect(actions).toContain(step);
    // The refusals: before the grant, outside its scope, and the call after the revocation.
    const refusals = log.filter((e) => e.action === 'support.refused');
    const approvedAt = Date.parse(approved.body.grant.startsAt);
    expect(refusals.some((e) => e.details.reason === 'support-access-grant-required' && Date.parse(e.at) <= approvedAt)).toBe(true);
    expect(refusals.map((e) => e.details.reason)).toContain('support-access-out-of-scope');
    const supportActions = log.filter((e) => e.action === 'support.action');
    expect(supportActions.every((e) => e.actor.kind === 'support' && e.actor.userId === agent.id)).toBe(true);
    expect(supportActions.map((e) => e.details.route)).toContain('/tenants/:tenantId/clients/:clientId');
    expect(new Set(log.map((e) => e.hash)).size).toBe(log.length);
    // Nothing personal in it: not the client's name or address, only ids and codes.
    expect(JSON.stringify(log)).not.toMatch(/Anna|anna@example/);
  }, 90_000);

  it('refuses write access without a second support user\'s co-approval, and grants it with one', async () => {
    const support = client(p.gateway, await p.loginWithMfa(agent));
    const owner = client(p.gateway, salon.ownerToken);
    const ticketId = await openTicket(p.gateway, { tenantId: salon.tenantId, token: salon.ownerToken });
    const asked = await support.post('/support/access-requests', {
      tenantId: salon.tenantId, reason: 'incident', ticketId, modules: ['clients'], mode: 'write', durationMinutes: 30,
    });
    expect([asked.status, asked.body.status]).toEqual([201, 'awaiting_co_approval']);
    const early = await owner.post(`/tenants/${salon.tenantId}/support-access/${asked.body.id}/approve`, {});
    expect([early.status, type(early)]).toEqual([409, 'support-co-approval-required']);
    const self = await support.post(`/support/access-requests/${asked.body.id}/co-approve`);
    expect([self.status, type(self)]).toEqual([403, 'support-co-approval-by-requester']);

    const co = await client(p.gateway, await p.loginWithMfa(colleague)).post(`/support/access-requests/${asked.body.id}/co-approve`);
    expect([co.status, co.body.status]).toEqual([200, 'pending']);
    const approved = await owner.post(`/tenants/${salon.tenantId}/support-access/${asked.body.id}/approve`, {});
    expect([approved.status, approved.body.status, approved.body.mode]).toEqual([200, 'active', 'write']);
    const write = await eventually(async () => {
      const res = await support.patch(`/tenants/${salon.tenantId}/clients/${clientId}`, { phone: '+31612345678' });
      return res.status === 200 ? res : undefined;
    }, 'the write grant reaching the gateway');
    expect(write.body.phone).toBe('+31612345678');
    expect((await owner.post(`/tenants/${salon.tenantId}/support-access/${asked.body.id}/revoke`, {})).status).toBe(200);
  }, 60_000);

  it('asks a support user with a single-factor login to step up', async () => {
    const passwordOnly = client(p.gateway, await p.login(agent));
    const res = await passwordOnly.get(`/tenants/${salon.tenantId}/clients`);
    expect([res.status, type(res)]).toEqual([401, 'step-up-required']);
    expect(res.headers.get('www-authenticate')).toMatch(/insufficient_user_authentication/);
    const asking = await passwordOnly.post('/support/access-requests', {
      tenantId: salon.tenantId, reason: 'incident', ticketId: await openTicket(p.gateway, { tenantId: salon.tenantId, token: salon.ownerToken }), modules: ['clients'], durationMinutes: 10,
    });
    expect([asking.status, type(asking)]).toEqual([401, 'step-up-required']);
  });
});
