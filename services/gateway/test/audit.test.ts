import request from 'supertest';
import { startedAroundAll } from '@homi/testing';
import { connect } from '@nats-io/transport-node';
import type { TenantActionPerformed } from '@homi/contracts';
import { newId } from '@homi/service-kit';
import { JetStreamAuditTrail } from '../src/infrastructure/jetstream-trails';
import { membership } from './support/fakes';
import { eventually, NATS_URL, startHarness, type Harness } from './support/harness';
import { grantedSupportUser, supportClaims, supportGrant } from './support/support-fixtures';

describe('tenant audit events on the AUDIT stream', () => {
  let h: Harness;
  startedAroundAll(startHarness, (started) => (h = started));

  it('stores a support user\'s call, with route, ids and grant, before the service receives it', async () => {
    const { tenantId, supportUserId, grant } = await grantedSupportUser(h);
    const clientId = newId('cli');
    const auth = `Bearer ${await h.issuer.token(supportUserId, supportClaims())}`;
    const path = `/api/v1/tenants/${tenantId}/clients/${clientId}`;
    await eventually(async () => expect((await request(h.url).get(`/api/v1/tenants/${tenantId}/clients`).set('authorization', auth)).status).toBe(200));

    const from = await h.auditSequence();
    let storedWhenReceived: TenantActionPerformed[] | undefined;
    h.upstream.respondWith((_req, res) => {
      void h.auditEvents(from).then((events) => {
        storedWhenReceived = events.filter((e) => e.tenantId === tenantId);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    try {
      expect((await request(h.url).get(path).set('authorization', auth).set('x-request-id', 'chosen-by-client-1')).status).toBe(200);
      // The same client-chosen request id again must still be recorded: the event id is the gateway's own.
      expect((await request(h.url).get(path).set('authorization', auth).set('x-request-id', 'chosen-by-client-1')).status).toBe(200);
    } finally {
      h.upstream.respondWith(undefined);
    }

    expect(storedWhenReceived).toHaveLength(2);
    const [first, second] = storedWhenReceived ?? [];
    expect(first).toEqual({
      eventId: expect.stringMatching(/^evt_/),
      tenantId,
      actor: { kind: 'support', userId: supportUserId },
      supportRequestId: grant.requestId,
      method: 'GET',
      route: '/tenants/:tenantId/clients/:clientId',
      resourceIds: { clientId },
      occurredAt: expect.any(String),
    });
    expect(second?.eventId).not.toBe(first?.eventId);
  });

  /** The owner of a new institute, signed in and admitted by the gateway, and where the audit stream stood then. */
  async function ownerOfNewInstitute() {
    const tenantId = newId('ten');
    const owner = newId('usr');
    await h.putMembership(membership(owner, tenantId, {}, 'owner'));
    const auth = `Bearer ${await h.issuer.token(owner)}`;
    await eventually(async () => expect((await request(h.url).get(`/api/v1/tenants/${tenantId}/clients`).set('authorization', auth)).status).toBe(200));
    return { tenantId, owner, auth, from: await h.auditSequence() };
  }

  it('records a member\'s privacy request about a client, but not their ordinary reads', async () => {
    const { tenantId, owner, auth, from } = await ownerOfNewInstitute();
    const clientId = newId('cli');

    const res = await request(h.url).post('/api/v1/privacy/requests').set('authorization', auth)
      .send({ type: 'erasure', subject: { kind: 'client', tenantId, clientId } });
    await request(h.url).post('/api/v1/privacy/requests').set('authorization', auth).send({ type: 'access', subject: { kind: 'self' } });

    expect(res.status).toBe(200);
    const events = await h.auditEvents(from);
    expect(events.filter((e) => e.tenantId === tenantId)).toEqual([
      expect.objectContaining({
        actor: { kind: 'member', userId: owner }, method: 'POST', route: '/privacy/requests', resourceIds: { clientId },
      }),
    ]);
    expect(events.filter((e) => e.actor.userId === owner)).toHaveLength(1);
  });

  it("records a booking with its body's client id, and never a body value that is no id (ADR 64)", async () => {
    const { tenantId, auth, from } = await ownerOfNewInstitute();
    const clientId = newId('cli');
    const book = (body: object) => request(h.url).post(`/api/v1/tenants/${tenantId}/appointments`).set('authorization', auth).send(body);
    expect((await book({ clientId, startsAt: '2027-01-04T09:00:00Z', treatment: 'Pedicure' })).status).toBe(200);
    // The record is made before tenant-data judges the body: a name typed as the client stays out of it.
    expect((await book({ clientId: 'Anna de Vries', startsAt: '2027-01-04T09:00:00Z' })).status).toBe(200);
    const events = (await h.auditEvents(from)).filter((e) => e.tenantId === tenantId);
    expect(events.map((e) => [e.method, e.route, e.resourceIds])).toEqual([
      ['POST', '/tenants/:tenantId/appointments', { clientId }],
      ['POST', '/tenants/:tenantId/appointments', {}],
    ]);
    expect(JSON.stringify(events)).not.toContain('Anna');
  });

  it('ignores a malformed grant and one stored under another request id, and counts them', async () => {
    const tenantId = newId('ten');
    const supportUserId = newId('usr');
    const misfiled = supportGrant(supportUserId, tenantId);
    const before = h.gateway.grants.invalidEntries;
    await h.grantsBucket.put(newId('sar'), JSON.stringify(misfiled));
    await h.grantsBucket.put(newId('sar'), JSON.stringify({ ...supportGrant(supportUserId, tenantId), modules: ['everything'] }));
    await h.grantsBucket.put(newId('sar'), 'not json');
    await eventually(async () => expect(h.gateway.grants.invalidEntries).toBe(before + 3));
    const auth = `Bearer ${await h.issuer.token(supportUserId, supportClaims())}`;
    const res = await request(h.url).get(`/api/v1/tenants/${tenantId}/clients`).set('authorization', auth);
    expect(res.status).toBe(403);
    expect(h.logLines.join('')).toContain('ignoring invalid support grant entry');
    expect(h.logLines.join('')).not.toContain(supportUserId);
  });
});

describe('when audit events cannot be stored', () => {
  it('answers 503 audit-unavailable and forwards nothing (no audit, no access)', async () => {
    const auditConnection = await connect({ servers: NATS_URL });
    const h = await startHarness({ audit: new JetStreamAuditTrail(auditConnection, 500) });
    try {
      const tenantId = newId('ten');
      const supportUserId = newId('usr');
      await h.putGrant(supportGrant(supportUserId, tenantId));
      const owner = newId('usr');
      await h.putMembership(membership(owner, tenantId, {}, 'owner'));
      const support = `Bearer ${await h.issuer.token(supportUserId, supportClaims())}`;
      const member = `Bearer ${await h.issuer.token(owner)}`;
      await eventually(async () => expect((await request(h.url).get(`/api/v1/tenants/${tenantId}/clients`).set('authorization', support)).status).toBe(200));
      const forwarded = () => h.upstream.received.length + h.privacy.received.length;
      const before = forwarded();

      await auditConnection.close();
      const supportCall = await request(h.url).get(`/api/v1/tenants/${tenantId}/clients`).set('authorization', support);
      const memberCall = await request(h.url).post('/api/v1/privacy/requests').set('authorization', member)
        .send({ type: 'access', subject: { kind: 'client', tenantId, clientId: newId('cli') } });

      for (const res of [supportCall, memberCall]) {
        expect([res.status, String(res.body.type).split('/').pop()]).toEqual([503, 'audit-unavailable']);
        expect(res.headers['retry-after']).toBe('5');
      }
      expect(forwarded()).toBe(before);
      // A member's ordinary call needs no audit and still works.
      expect((await request(h.url).get(`/api/v1/tenants/${tenantId}/clients`).set('authorization', member)).status).toBe(200);
    } finally {
      await h.stop();
      if (!auditConnection.isClosed()) await auditConnection.close();
    }
  });
});
