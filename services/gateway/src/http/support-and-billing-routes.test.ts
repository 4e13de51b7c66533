import request from 'supertest';
import { newId } from '@homi/service-kit';
import type { SupportGrant } from '@homi/contracts';
import { fakeGateway, membership } from '../../test/support/fakes';
import { buildOpenApiDocument } from '../openapi/document';

const now = () => Math.floor(Date.now() / 1000);
const mfa = (ageSeconds = 0) => ({ acr: '2', amr: ['pwd', 'otp'], authTime: now() - ageSeconds });
const typeOf = (res: request.Response) => String(res.body.type).split('/').pop();

describe('support staff routes', () => {
  const gw = fakeGateway();
  const body = { tenantId: newId('ten'), reason: 'incident', ticketId: newId('tkt'), modules: ['clients'], durationMinutes: 30 };

  it('forwards a request for access from a support user with a fresh multi-factor login to identity', async () => {
    const { token } = gw.verifier.issue(newId('usr'), ['support'], mfa(60));
    const res = await request(gw.http.app).post('/api/v1/support/access-requests').set('authorization', `Bearer ${token}`).send(body);
    expect(res.status).toBe(200);
    expect(gw.identity.requests.at(-1)?.path).toBe('/api/v1/support/access-requests');
  });

  it('asks a support user with a stale or single-factor login to step up, and refuses everyone else', async () => {
    const before = gw.identity.requests.length;
    for (const login of [mfa(901), { ...mfa(), acr: '1', amr: ['pwd'] }, {}]) {
      const { token } = gw.verifier.issue(newId('usr'), ['support'], login);
      const res = await request(gw.http.app).post(`/api/v1/support/access-requests/${newId('sar')}/co-approve`).set('authorization', `Bearer ${token}`);
      expect([res.status, typeOf(res)]).toEqual([401, 'step-up-required']);
      expect(res.headers['www-authenticate']).toContain('error="insufficient_user_authentication"');
    }
    const { token } = gw.verifier.issue(newId('usr'), ['operator'], mfa());
    const res = await request(gw.http.app).get('/api/v1/support/access-requests').set('authorization', `Bearer ${token}`);
    expect([res.status, typeOf(res)]).toEqual([403, 'realm-role-required']);
    expect(gw.identity.requests.length).toBe(before);
  });
});

describe('the tenant\'s side of support access', () => {
  const gw = fakeGateway();
  const tenantId = newId('ten');
  const as = (role: 'owner' | 'admin' | 'staff') => {
    const { token, userId } = gw.verifier.issue();
    gw.memberships.put(membership(userId, tenantId, { agenda: 'edit', clients: 'edit', invoicing: 'edit', reports: 'edit', settings: 'edit', users: 'edit' }, role));
    return `Bearer ${token}`;
  };
  const decision = (verb: string) => `/api/v1/tenants/${tenantId}/support-access/${newId('sar')}/${verb}`;

  it('lets owners and admins read support access and the audit log, not staff with every module', async () => {
    for (const path of [
      `/api/v1/tenants/${tenantId}/support-access`, `/api/v1/tenants/${tenantId}/audit-log`, `/api/v1/tenants/${tenantId}/audit-log/verification`,
    ]) {
      expect((await request(gw.http.app).get(path).set('authorization', as('owner'))).status).toBe(200);
      expect((await request(gw.http.app).get(path).set('authorization', as('admin'))).status).toBe(200);
      const staff = await request(gw.http.app).get(path).set('authorization', as('staff'));
      expect([staff.status, typeOf(staff)]).toEqual([403, 'role-required']);
    }
  });

  it('lets only owners approve, deny and revoke', async () => {
    for (const verb of ['approve', 'deny', 'revoke']) {
      expect((await request(gw.http.app).post(decision(verb)).set('authorization', as('owner')).send({})).status).toBe(200);
      expect((await request(gw.http.app).post(decision(verb)).set('authorization', as('admin')).send({})).status).toBe(403);
    }
    expect(gw.identity.requests.filter((r) => r.path.includes('/support-access/'))).toHaveLength(3);
  });

  it('never lets a support user under a grant manage support access or read the audit log', async () => {
    const { token, userId } = gw.verifier.issue(newId('usr'), ['support'], mfa());
    gw.grants.put(grant(userId, tenantId, { modules: ['agenda', 'clients', 'invoicing', 'reports', 'settings', 'users'], mode: 'write' }));
    for (const [method, path] of [['get', `/api/v1/tenants/${tenantId}/audit-log`], ['post', decision('revoke')], ['get', `/api/v1/tenants/${tenantId}/members`]] as const) {
      const res = await request(gw.http.app)[method](path).set('authorization', `Bearer ${token}`);
      expect([path, res.status, typeOf(res)]).toEqual([path, 403, 'support-access-out-of-scope']);
    }
    expect((await request(gw.http.app).get(`/api/v1/tenants/${tenantId}/usage?from=2026-01-01&to=2026-01-02`).set('authorization', `Bearer ${token}`)).status).toBe(200);
  });
});

describe('invoicing routes', () => {
  const gw = fakeGateway();
  const tenantId = newId('ten');
  const integration = `/api/v1/tenants/${tenantId}/integrations/factuursturen`;

  it('go to the billing integration, and connecting or disconnecting is recorded in the audit log', async () => {
    const { token, userId } = gw.verifier.issue();
    gw.memberships.put(membership(userId, tenantId, {}, 'owner'));
    const auth = `Bearer ${token}`;
    const invoiceId = newId('inv');
    const connect = await request(gw.http.app).put(integration).set('authorization', auth).send({ username: 'salon', apiKey: 'k'.repeat(20), shareClientData: false });
    await request(gw.http.app).get(`/api/v1/tenants/${tenantId}/invoices/${invoiceId}`).set('authorization', auth);
    await request(gw.http.app).delete(integration).set('authorization', auth);

    expect(connect.status).toBe(200);
    expect(gw.billing.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT ${integration}`, `GET /api/v1/tenants/${tenantId}/invoices/${invoiceId}`, `DELETE ${integration}`,
    ]);
    expect(gw.audit.events.map((e) => [e.method, e.route, e.actor])).toEqual([
      ['PUT', '/tenants/:tenantId/integrations/factuursturen', { kind: 'member', userId }],
      ['DELETE', '/tenants/:tenantId/integrations/factuursturen', { kind: 'member', userId }],
    ]);
    expect(JSON.stringify(gw.audit.events)).not.toContain('k'.repeat(20));
  });

  it('leaves connecting and disconnecting the account to an owner, and invoicing to who may also view clients', async () => {
    const { token, userId } = gw.verifier.issue();
    gw.memberships.put(membership(userId, tenantId, { invoicing: 'edit', clients: 'none' }, 'admin'));
    const auth = `Bearer ${token}`;
    const before = gw.billing.requests.length;
    const connect = await request(gw.http.app).put(integration).set('authorization', auth).send({ username: 'mine', apiKey: 'k'.repeat(20), shareClientData: true });
    const disconnect = await request(gw.http.app).delete(integration).set('authorization', auth);
    const invoice = await request(gw.http.app).post(`/api/v1/tenants/${tenantId}/invoices`).set('authorization', auth)
      .send({ clientId: newId('cli'), lines: [{ description: 'x', quantity: 1, unitPriceCents: 100, taxRate: 21 }] });
    expect([connect.status, typeOf(connect), disconnect.status, typeOf(disconnect)]).toEqual([403, 'role-required', 403, 'role-required']);
    expect([invoice.status, typeOf(invoice)]).toEqual([403, 'module-permission-required']);
    expect(gw.billing.requests.length).toBe(before);
    expect((await request(gw.http.app).get(integration).set('authorization', auth)).status).toBe(200);
  });

  it('never shows a support user the connection, even under an invoicing grant; invoices only by the grant', async () => {
    const { token, userId } = gw.verifier.issue(newId('usr'), ['support'], mfa());
    gw.grants.put(grant(userId, tenantId, { modules: ['invoicing'], mode: 'read' }));
    const auth = `Bearer ${token}`;
    const connection = await request(gw.http.app).get(integration).set('authorization', auth);
    const create = await request(gw.http.app).post(`/api/v1/tenants/${tenantId}/invoices`).set('authorization', auth).send({});
    const list = await request(gw.http.app).get(`/api/v1/tenants/${tenantId}/invoices`).set('authorization', auth);
    expect([connection.status, typeOf(connection)]).toEqual([403, 'support-access-out-of-scope']);
    expect([create.status, typeOf(create)]).toEqual([403, 'support-access-out-of-scope']);
    expect(list.status).toBe(200);
    expect(gw.audit.events.at(-1)).toMatchObject({ actor: { kind: 'support', userId }, route: '/tenants/:tenantId/invoices', method: 'GET' });
  });
});

function grant(supportUserId: string, tenantId: string, overrides: Partial<SupportGrant>): SupportGrant {
  return {
    requestId: newId('sar'), tenantId, supportUserId, modules: ['clients'], mode: 'read', approvedBy: newId('usr'),
    startsAt: new Date(Date.now() - 1000).toISOString(), expiresAt: new Date(Date.now() + 600_000).toISOString(), ...overrides,
  };
}

describe('the OpenAPI document on support access', () => {
  const doc = buildOpenApiDocument({ issuer: 'http://issuer.test/realms/homi' });
  const describeOp = (path: string, method: string) => String(doc.paths[path]?.[method]?.description);

  it('lists the problem types a support client acts on', () => {
    const types = (doc['x-problem-types'] as { type: string; status: number }[]).map((p) => `${p.status} ${p.type.split('/').pop()}`);
    expect(types).toEqual(expect.arrayContaining([
      '401 step-up-required', '403 support-access-grant-required', '403 support-access-out-of-scope', '403 role-required', '503 audit-unavailable',
    ]));
  });

  it('says per route whether a support user under a grant gets in, and what is audited', () => {
    expect(describeOp('/tenants/{tenantId}/clients', 'get')).toContain('active grant of the tenant covering clients in mode read or write');
    expect(describeOp('/tenants/{tenantId}/clients', 'post')).toContain('covering clients in mode write');
    expect(describeOp('/tenants/{tenantId}/audit-log', 'get')).toContain('Never open to support users');
    expect(describeOp('/tenants/{tenantId}/integrations/factuursturen', 'put')).toMatch(/Never open to support users.*audit log/);
    expect(describeOp('/support/access-requests', 'post')).toContain('recent multi-factor sign-in');
  });
});
