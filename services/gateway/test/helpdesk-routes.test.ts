import request from 'supertest';
import { startedAroundAll } from '@homi/testing';
import { newId } from '@homi/service-kit';
import { callerSent } from './support/caller';
import { API_ROUTES } from '../src/http/route-table';
import { membership } from './support/fakes';
import { eventually, startHarness, type Harness } from './support/harness';
import { concretePath, supportClaims, supportGrant } from './support/support-fixtures';

// The helpdesk's routes through the gateway (issue 15) with real tokens from the harness's issuer:
// which caller reaches the helpdesk, with which caller context, and who is refused before it.
const problemType = (res: request.Response) => String(res.body.type).split('/').pop();

describe('helpdesk routes through the gateway', () => {
  let h: Harness;
  startedAroundAll(startHarness, (started) => (h = started));

  const lastCaller = () => callerSent(h.helpdesk.received.at(-1), 'helpdesk');
  const bearer = async (userId: string, claims = {}) => `Bearer ${await h.issuer.token(userId, claims)}`;
  const helpdeskRoutes = API_ROUTES.filter((r) => r.upstream === 'helpdesk');

  it('declares the nine routes of the first increment and turning a ticket into a privacy request', () => {
    expect(helpdeskRoutes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort()).toEqual([
      'GET /support/tickets', 'GET /support/tickets/:ticketId', 'GET /tenants/:tenantId/tickets', 'GET /tenants/:tenantId/tickets/:ticketId',
      'PATCH /support/tickets/:ticketId', 'POST /support/tickets/:ticketId/messages', 'POST /tenants/:tenantId/tickets',
      'POST /tenants/:tenantId/tickets/:ticketId/close', 'POST /tenants/:tenantId/tickets/:ticketId/messages',
      'POST /tenants/:tenantId/tickets/:ticketId/privacy-request',
    ]);
  });

  it('forwards any member, whatever their module levels, with their tenant and role', async () => {
    const tenantId = newId('ten');
    const userId = newId('usr');
    await h.putMembership(membership(userId, tenantId));
    const auth = await bearer(userId);
    const body = { subject: 'Vraag', category: 'question', message: 'Hoe werkt de agenda?' };
    await eventually(async () => expect((await request(h.url).post(`/api/v1/tenants/${tenantId}/tickets`).set('authorization', auth).send(body)).status).toBe(200));
    expect(h.helpdesk.received.at(-1)).toMatchObject({ method: 'POST', url: `/api/v1/tenants/${tenantId}/tickets` });
    expect(JSON.parse(h.helpdesk.received.at(-1)?.body ?? '{}')).toEqual(body);
    expect(await lastCaller()).toMatchObject({ userId, tenantId, role: 'staff' });
    expect((await lastCaller()).support).toBeUndefined();
  });

  it('answers a non-member and a malformed ticket id with 404, forwarding nothing', async () => {
    const tenantId = newId('ten');
    const member = newId('usr');
    await h.putMembership(membership(member, tenantId));
    const memberAuth = await bearer(member);
    await eventually(async () => expect((await request(h.url).get(`/api/v1/tenants/${tenantId}/tickets`).set('authorization', memberAuth)).status).toBe(200));
    const before = h.helpdesk.received.length;
    const outsider = await bearer(newId('usr'));
    const refused = [
      await request(h.url).get(`/api/v1/tenants/${tenantId}/tickets`).set('authorization', outsider),
      await request(h.url).get(`/api/v1/tenants/${tenantId}/tickets/${newId('tkt')}`).set('authorization', outsider),
      await request(h.url).get(`/api/v1/tenants/${tenantId}/tickets/cli_0123456789abcdef`).set('authorization', memberAuth),
      await request(h.url).post(`/api/v1/tenants/${tenantId}/tickets/not-a-ticket/messages`).set('authorization', memberAuth).send({ message: 'x' }),
      await request(h.url).get(`/api/v1/support/tickets/${encodeURIComponent("tkt_x' or 1=1 --")}`).set('authorization', `Bearer ${await h.issuer.token(newId('usr'), supportClaims())}`),
    ];
    for (const res of refused) expect([res.status, res.headers['content-type']]).toEqual([404, expect.stringMatching(/problem\+json/)]);
    expect(h.helpdesk.received.length).toBe(before);
  });

  it('forwards a support user with a recent second factor to the desk, with the support role and no tenant', async () => {
    const supportUserId = newId('usr');
    const auth = `Bearer ${await h.issuer.token(supportUserId, supportClaims())}`;
    const res = await request(h.url).get('/api/v1/support/tickets?status=open,waiting-for-customer&assignee=me').set('authorization', auth);
    expect(res.status).toBe(200);
    expect(h.helpdesk.received.at(-1)?.url).toBe('/api/v1/support/tickets?status=open,waiting-for-customer&assignee=me');
    const caller = await lastCaller();
    expect(caller).toMatchObject({ userId: supportUserId });
    expect(caller.realmRoles).toContain('support');
    expect(caller.tenantId).toBeUndefined();
    const patched = await request(h.url).patch(`/api/v1/support/tickets/${newId('tkt')}`).set('authorization', auth).send({ assigneeId: supportUserId });
    expect(patched.status).toBe(200);
  });

  it('refuses the desk to users without the support role and to a support login without a recent second factor', async () => {
    const before = h.helpdesk.received.length;
    const plain = await request(h.url).get('/api/v1/support/tickets').set('authorization', await bearer(newId('usr')));
    expect([plain.status, problemType(plain)]).toEqual([403, 'realm-role-required']);
    const stale = await request(h.url).get('/api/v1/support/tickets').set('authorization', `Bearer ${await h.issuer.token(newId('usr'), supportClaims(3600))}`);
    expect([stale.status, problemType(stale)]).toEqual([401, 'step-up-required']);
    const anonymous = await request(h.url).get('/api/v1/support/tickets');
    expect(anonymous.status).toBe(401);
    expect(h.helpdesk.received.length).toBe(before);
  });

  it('never lets a support user under a grant work on the institute\'s side of tickets', async () => {
    const tenantId = newId('ten');
    const supportUserId = newId('usr');
    await h.putGrant(supportGrant(supportUserId, tenantId, { modules: ['clients', 'agenda', 'invoicing', 'reports', 'settings', 'users'], mode: 'write' }));
    const auth = `Bearer ${await h.issuer.token(supportUserId, supportClaims())}`;
    await eventually(async () => expect((await request(h.url).get(`/api/v1/tenants/${tenantId}/clients`).set('authorization', auth)).status).toBe(200));
    const before = h.helpdesk.received.length;
    for (const route of helpdeskRoutes.filter((r) => r.audience.kind === 'tenant')) {
      const res = await request(h.url)[route.method](concretePath(route, tenantId)).set('authorization', auth).send(route.body ? {} : undefined);
      expect([route.operationId, res.status]).toEqual([route.operationId, 403]);
    }
    expect(h.helpdesk.received.length).toBe(before);
  });
});
