import request from 'supertest';
import { connect } from '@nats-io/transport-node';
import { newId } from '@homi/service-kit';
import { JetStreamRefusalTrail } from '../src/infrastructure/jetstream-trails';
import { membership } from './support/fakes';
import { eventually, NATS_URL, startHarness, type Harness } from './support/harness';
import { grantedSupportUser, supportClaims } from './support/support-fixtures';

const problemType = (res: request.Response) => String(res.body.type).split('/').pop();

describe('refused support calls on the AUDIT stream (issue 6)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ refusalWindowSeconds: 3 });
  });
  afterAll(() => h.stop());

  const supportToken = async (userId: string, ageSeconds = 0, overrides = {}) =>
    `Bearer ${await h.issuer.token(userId, supportClaims(ageSeconds, overrides))}`;
  const forwardedFor = (tenantId: string) =>
    [h.upstream, h.identity, h.privacy, h.billing].flatMap((u) => u.received).filter((r) => r.url.includes(tenantId) || r.body.includes(tenantId));
  const refusalsOf = async (from: number, tenantId: string) => (await h.refusalEvents(from)).filter((e) => e.tenantId === tenantId);

  it('stores one event for a support user without a grant, and the service never sees the call', async () => {
    const tenantId = newId('ten');
    const supportUserId = newId('usr');
    const clientId = newId('cli');
    const from = await h.auditSequence();
    const res = await request(h.url).get(`/api/v1/tenants/${tenantId}/clients/${clientId}`).set('authorization', await supportToken(supportUserId));

    expect([res.status, problemType(res)]).toEqual([403, 'support-access-grant-required']);
    await eventually(async () => expect(await refusalsOf(from, tenantId)).toHaveLength(1));
    expect(await refusalsOf(from, tenantId)).toEqual([{
      eventId: expect.stringMatching(/^evt_/), tenantId, supportUserId, method: 'GET', route: '/tenants/:tenantId/clients/:clientId',
      resourceIds: { clientId }, reason: 'support-access-grant-required', repeats: 0, occurredAt: expect.any(String),
    }]);
    expect(forwardedFor(tenantId)).toEqual([]);
    expect(await h.auditEvents(from).then((events) => events.filter((e) => e.tenantId === tenantId))).toEqual([]);
  });

  it('names the grant a call fell outside of, keeps only well-formed ids, and records a stale login as step-up-required', async () => {
    const { tenantId, supportUserId, grant } = await grantedSupportUser(h);
    const auth = await supportToken(supportUserId);
    await eventually(async () => expect((await request(h.url).get(`/api/v1/tenants/${tenantId}/clients`).set('authorization', auth)).status).toBe(200));
    const from = await h.auditSequence();

    const write = await request(h.url).delete(`/api/v1/tenants/${tenantId}/clients/not-an-id`).set('authorization', auth);
    const privacy = await request(h.url).post('/api/v1/privacy/requests').set('authorization', auth)
      .send({ type: 'access', subject: { kind: 'client', tenantId, clientId: 'cli_x' } });
    const stale = await request(h.url).get(`/api/v1/tenants/${tenantId}/clients`).set('authorization', await supportToken(supportUserId, 901));

    expect([write.status, privacy.status, stale.status]).toEqual([403, 403, 401]);
    await eventually(async () => expect(await refusalsOf(from, tenantId)).toHaveLength(3));
    const byRoute = Object.fromEntries((await refusalsOf(from, tenantId)).map((e) => [`${e.method} ${e.route}`, e]));
    expect(byRoute['DELETE /tenants/:tenantId/clients/:clientId']).toMatchObject({
      reason: 'support-access-out-of-scope', supportRequestId: grant.requestId, resourceIds: {}, supportUserId,
    });
    expect(byRoute['POST /privacy/requests']).toMatchObject({ reason: 'support-access-out-of-scope', supportRequestId: grant.requestId, resourceIds: {} });
    expect(byRoute['GET /tenants/:tenantId/clients']).toMatchObject({ reason: 'step-up-required', resourceIds: {} });
    expect(byRoute['GET /tenants/:tenantId/clients']).not.toHaveProperty('supportRequestId');
  });

  it('throttles a loop of refusals to one event per window and counts the held ones in the next', async () => {
    const tenantId = newId('ten');
    const auth = await supportToken(newId('usr'));
    const from = await h.auditSequence();
    for (let i = 0; i < 8; i++) {
      expect((await request(h.url).get(`/api/v1/tenants/${tenantId}/invoices`).set('authorization', auth)).status).toBe(403);
    }
    expect(await refusalsOf(from, tenantId)).toHaveLength(1);

    // The window (3 s here, room for eight calls on a busy machine) ends: the last held refusal is written, carrying the six before it.
    await eventually(async () => expect(await refusalsOf(from, tenantId)).toHaveLength(2), 8_000, 100);
    const events = await refusalsOf(from, tenantId);
    expect(events.map((e) => e.repeats)).toEqual([0, 6]);
    expect(events.reduce((n, e) => n + 1 + e.repeats, 0)).toBe(8);
  });

  it('records nothing for a support user who is a member, nor for a member refused for lack of a module', async () => {
    const tenantId = newId('ten');
    const supportMember = newId('usr');
    const staff = newId('usr');
    await h.putMembership(membership(supportMember, tenantId, {}));
    await h.putMembership(membership(staff, tenantId, {}));
    const from = await h.auditSequence();
    await eventually(async () => {
      const res = await request(h.url).get(`/api/v1/tenants/${tenantId}/clients`).set('authorization', await supportToken(supportMember));
      expect(problemType(res)).toBe('module-permission-required');
    });
    const res = await request(h.url).get(`/api/v1/tenants/${tenantId}/clients`).set('authorization', `Bearer ${await h.issuer.token(staff)}`);
    expect(res.status).toBe(403);
    // A refusal that is recorded is written before its answer, in one ordered stream: once a
    // sentinel refusal made after the calls above shows, any refusal of theirs would have shown.
    const sentinel = newId('ten');
    expect((await request(h.url).get(`/api/v1/tenants/${sentinel}/clients`).set('authorization', await supportToken(newId('usr')))).status).toBe(403);
    await eventually(async () => expect(await refusalsOf(from, sentinel)).toHaveLength(1));
    expect(await refusalsOf(from, tenantId)).toEqual([]);
  });
});

describe('when refused support calls cannot be stored', () => {
  it('still answers 403 at once (no 503), and counts and logs the loss without the user id', async () => {
    const refusalConnection = await connect({ servers: NATS_URL });
    // A store that would be waited for 10 s: the answer must not wait it out (nor turn into a 503).
    const h = await startHarness({ refusals: new JetStreamRefusalTrail(refusalConnection, 10_000) });
    try {
      await refusalConnection.close();
      const supportUserId = newId('usr');
      const auth = `Bearer ${await h.issuer.token(supportUserId, supportClaims())}`;
      const started = Date.now();
      const res = await request(h.url).get(`/api/v1/tenants/${newId('ten')}/clients`).set('authorization', auth);
      expect([res.status, problemType(res)]).toEqual([403, 'support-access-grant-required']);
      expect(Date.now() - started).toBeLessThan(5_000);
      await eventually(async () => expect(h.gateway.refusals.notStored).toBe(1));
      const log = h.logLines.join('');
      expect(log).toContain('support refusal not stored in the audit log');
      expect(log).not.toContain(supportUserId);
    } finally {
      await h.stop();
    }
  });
});
