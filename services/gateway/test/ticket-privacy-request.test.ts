import type http from 'node:http';
import request from 'supertest';
import { newId } from '@homi/service-kit';
import { callerSent } from './support/caller';
import { membership } from './support/fakes';
import { eventually, startHarness, type Harness } from './support/harness';
import type { Received } from './support/upstream';

// POST …/tickets/{ticketId}/privacy-request, the one route the gateway orchestrates (ADR 44): the
// helpdesk judges the ticket, the privacy service the request, both with the member's own context;
// a refusal stops everything after it.
const problem = (res: http.ServerResponse, status: number, type: string) =>
  res.writeHead(status, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ type: `https://docs.homi.nl/problems/${type}`, status }));
const json = (res: http.ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

describe('turning a ticket into a privacy request through the gateway', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());
  afterEach(() => {
    h.helpdesk.respondWith(undefined);
    h.privacy.respondWith(undefined);
  });

  async function member() {
    const tenantId = newId('ten');
    const userId = newId('usr');
    await h.putMembership(membership(userId, tenantId));
    const auth = `Bearer ${await h.issuer.token(userId)}`;
    await eventually(async () => expect((await request(h.url).get(`/api/v1/tenants/${tenantId}/tickets`).set('authorization', auth)).status).toBe(200));
    const ticketId = newId('tkt');
    return { tenantId, userId, auth, ticketId, path: `/api/v1/tenants/${tenantId}/tickets/${ticketId}/privacy-request` };
  }

  const accepted = { id: 'dsr_00000000000000000001', status: 'received', dueAt: '2027-01-03T00:00:00.000Z' };
  /** The helpdesk: the ticket's link (`linked`), then the link stored; privacy accepts. */
  function services(linked: string | null, link: (req: Received, res: http.ServerResponse) => void = (_req, res) => json(res, 200, {})) {
    h.helpdesk.respondWith((req, res) => (req.method === 'GET' ? json(res, 200, { privacyRequestId: linked }) : link(req, res)));
    h.privacy.respondWith((_req, res) => json(res, 202, accepted));
  }

  it('asks the helpdesk, then privacy as the member would, then links the ticket: each hop with the member\'s own context', async () => {
    const m = await member();
    services(null);
    const helpdeskBefore = h.helpdesk.received.length;
    const res = await request(h.url).post(m.path).set('authorization', m.auth).send({ type: 'rectification', corrections: { phone: '0611111111' } });
    expect([res.status, res.body, res.headers.location]).toEqual([201, { ticketId: m.ticketId, privacyRequest: accepted }, `/api/v1/privacy/requests/${accepted.id}`]);

    const [check, link] = h.helpdesk.received.slice(helpdeskBefore);
    expect([check?.method, check?.url, link?.method, link?.url]).toEqual(['GET', m.path, 'PUT', m.path]);
    expect(JSON.parse(link!.body)).toEqual({ privacyRequestId: accepted.id });
    expect(await callerSent(check, 'helpdesk')).toMatchObject({ userId: m.userId, tenantId: m.tenantId, role: 'staff' });

    const asked = h.privacy.received.at(-1)!;
    expect([asked.method, asked.url]).toEqual(['POST', '/api/v1/privacy/requests']);
    expect(JSON.parse(asked.body)).toEqual({ type: 'rectification', subject: { kind: 'self' }, corrections: { phone: '0611111111' }, ticketId: m.ticketId });
    const privacyCaller = await callerSent(asked, 'privacy');
    expect(privacyCaller).toMatchObject({ userId: m.userId, memberships: { [m.tenantId]: { role: 'staff' } } });
    expect(privacyCaller.tenantId).toBeUndefined();
  });

  it('answers 200 with the same request once the ticket is linked', async () => {
    const m = await member();
    services(accepted.id);
    const res = await request(h.url).post(m.path).set('authorization', m.auth).send({ type: 'erasure' });
    expect([res.status, res.body.privacyRequest.id]).toEqual([200, accepted.id]);
  });

  it('relays the helpdesk\'s refusal and asks privacy nothing', async () => {
    const m = await member();
    h.helpdesk.respondWith((_req, res) => problem(res, 409, 'not-a-my-data-ticket'));
    const privacyBefore = h.privacy.received.length;
    const res = await request(h.url).post(m.path).set('authorization', m.auth).send({ type: 'access' });
    expect([res.status, res.headers['content-type'], String(res.body.type).split('/').pop()]).toEqual([409, expect.stringMatching(/problem\+json/), 'not-a-my-data-ticket']);
    expect(h.privacy.received.length).toBe(privacyBefore);
  });

  it('relays privacy\'s refusal and links nothing', async () => {
    const m = await member();
    h.helpdesk.respondWith((_req, res) => json(res, 200, { privacyRequestId: null }));
    h.privacy.respondWith((_req, res) => problem(res, 403, 'client-permission-required'));
    const helpdeskBefore = h.helpdesk.received.length;
    const res = await request(h.url).post(m.path).set('authorization', m.auth).send({ type: 'access' });
    expect(res.status).toBe(403);
    expect(h.helpdesk.received.slice(helpdeskBefore).map((r) => r.method)).toEqual(['GET']);
  });

  it('refuses a body the contract refuses before asking anyone', async () => {
    const m = await member();
    const before = [h.helpdesk.received.length, h.privacy.received.length];
    for (const body of [{ type: 'rectification' }, { type: 'access', subject: { kind: 'client' } }, { type: 'delete' }]) {
      const res = await request(h.url).post(m.path).set('authorization', m.auth).send(body);
      expect([res.status, res.headers['content-type']]).toEqual([400, expect.stringMatching(/problem\+json/)]);
    }
    expect([h.helpdesk.received.length, h.privacy.received.length]).toEqual(before);
  });

  it('answers 503 when the link cannot be stored, and a repeat completes it with the same request', async () => {
    const m = await member();
    services(null, (_req, res) => res.destroy());
    const failed = await request(h.url).post(m.path).set('authorization', m.auth).send({ type: 'access' });
    expect([failed.status, failed.headers['content-type']]).toEqual([503, expect.stringMatching(/problem\+json/)]);
    services(null);
    const repeated = await request(h.url).post(m.path).set('authorization', m.auth).send({ type: 'access' });
    expect([repeated.status, repeated.body.privacyRequest.id]).toEqual([201, accepted.id]);
    expect(JSON.parse(h.helpdesk.received.at(-1)!.body)).toEqual({ privacyRequestId: accepted.id });
  });
});
