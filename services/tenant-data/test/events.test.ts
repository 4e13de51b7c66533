import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { ClientCreated, TENANT_DATA_STREAM, TenantCreated } from '@homi/contracts';
import { connectNats, publish } from '@homi/messaging';
import { newId, PROBLEM_TYPE_BASE } from '@homi/service-kit';
import { streamEvents } from '@homi/testing';
import { as, owner, startTenantData, type Harness } from './harness';
import { details, startStubIdentity, type StubIdentity } from './stub-identity';

let h: Harness;
let nc: NatsConnection;
let identity: StubIdentity;
beforeAll(async () => {
  identity = await startStubIdentity();
  h = await startTenantData({ identityUrl: identity.url });
  nc = await connectNats({ url: h.natsUrl, name: 'events-test' });
});
afterAll(async () => {
  await nc?.close();
  await h?.stop();
  await identity?.close();
});

const CONSUMER = 'tenant-data-tenant-created-v2';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Announces a new tenant as identity does (id and time only), once per message id. */
async function announce(tenantId: string, ...msgIds: string[]): Promise<void> {
  for (const msgId of msgIds) await publish(jetstream(nc), TenantCreated, { tenantId, occurredAt: new Date().toISOString() }, { msgId });
}

/** The institute profile as its owner reads it, once it exists (or the last answer after the timeout). */
async function profileOf(tenantId: string, timeoutMs = 20_000) {
  const api = as(h, owner(tenantId));
  const deadline = Date.now() + timeoutMs;
  let res = await api.get('');
  while (res.status === 404 && Date.now() < deadline) {
    await sleep(100);
    res = await api.get('');
  }
  return res;
}

/** Waits until the consumer has handled (and recorded in its inbox) the message with this id. */
async function handled(msgId: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await h.service.orm.em.fork().getConnection()
      .execute('select 1 from inbox where consumer = ? and message_id = ?', [CONSUMER, msgId]);
    if (rows.length > 0) return;
    if (Date.now() > deadline) throw new Error(`${msgId} was not handled within ${timeoutMs} ms`);
    await sleep(50);
  }
}

const salonZon = (tenantId: string) => ({
  tenantId,
  name: 'Salon Zon',
  kvkNumber: '12345678',
  address: { street: 'Markt', houseNumber: '1', postcode: '1234 AB', city: 'Utrecht', country: 'NL' },
  phone: '0301234567',
});

/** Every event on the tenant-data stream for one tenant, read with an ephemeral consumer. */
const eventsOf = (tenantId: string, subject: string, expected: number) =>
  streamEvents<{ clientId: string; tenantId: string }>(nc, { stream: TENANT_DATA_STREAM.name, subject, match: (data) => data.tenantId === tenantId, expected, timeoutMs: 10_000 });

describe('tenant-data events', () => {
  it('publishes one thin client.created event per committed client, with no personal data', async () => {
    const caller = owner();
    const api = as(h, caller);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await api.post('/clients', { name: `Privé Persoon ${i}`, email: `p${i}@example.nl` })).body.id);
    await api.post('/clients', { name: 'x', email: 'broken' });
    const events = await eventsOf(caller.tenantId, ClientCreated.subject, 3);
    expect(events.map((e) => e.data.clientId).sort()).toEqual(ids.sort());
    expect(JSON.stringify(events)).not.toMatch(/Privé|example\.nl/);
  });

  it('creates the institute profile with the details identity holds, once however often the tenant is announced', async () => {
    const tenantId = newId('ten');
    identity.answer(tenantId, details(salonZon(tenantId)));
    await announce(tenantId, `test-${tenantId}-1`, `test-${tenantId}-2`);
    const res = await profileOf(tenantId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...salonZon(tenantId), email: null });
    await handled(`test-${tenantId}-1`);
    await handled(`test-${tenantId}-2`);
    // Asked with tenant-data's own credential; at most once per delivery that found no profile yet.
    const calls = identity.calls.filter((c) => c.tenantId === tenantId);
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(calls.length).toBeLessThanOrEqual(2);
    expect(calls.every((c) => c.service === 'tenant-data')).toBe(true);
    await announce(tenantId, `test-${tenantId}-3`);
    await handled(`test-${tenantId}-3`);
    expect(identity.callsFor(tenantId)).toBe(calls.length);
  });

  it('creates nothing, and does not ask again, when identity no longer knows the tenant', async () => {
    const tenantId = newId('ten');
    await announce(tenantId, `test-${tenantId}-1`);
    await handled(`test-${tenantId}-1`);
    await sleep(1500); // past the consumer's first retry delay (1 s)
    expect(identity.callsFor(tenantId)).toBe(1);
    expect((await as(h, owner(tenantId)).get('')).status).toBe(404);
    const skipped = h.logLines.filter((l) => l.includes(tenantId));
    expect(skipped).toEqual([expect.stringContaining('skipped')]);
  });

  it('tells identity the institute\'s name after a change of the profile, as the profile holds it, with its own credential (ADR 74)', async () => {
    const tenantId = newId('ten');
    identity.answer(tenantId, details(salonZon(tenantId)));
    await announce(tenantId, `test-${tenantId}-1`);
    expect((await profileOf(tenantId)).status).toBe(200);
    const api = as(h, owner(tenantId));
    expect((await api.patch('', { name: 'Salon Zon & Maan' })).status).toBe(200);
    expect((await api.patch('', { reminderLeadHours: 48 })).status).toBe(200);
    const told = async () => {
      const deadline = Date.now() + 10_000;
      while (identity.names.filter((n) => n.tenantId === tenantId).length < 2 && Date.now() < deadline) await sleep(50);
      return identity.names.filter((n) => n.tenantId === tenantId);
    };
    // Both changes tell the name the profile holds when the event is handled: never the old one.
    expect(await told()).toEqual([
      { tenantId, name: 'Salon Zon & Maan', service: 'tenant-data' },
      { tenantId, name: 'Salon Zon & Maan', service: 'tenant-data' },
    ]);
    // A profile change that is refused tells nothing.
    expect((await api.patch('', { name: '' })).status).toBe(400);
    await sleep(300);
    expect(identity.names.filter((n) => n.tenantId === tenantId)).toHaveLength(2);
  });

  it('retries when identity cannot answer, or answers a 404 that is not its own tenant-not-found, and then creates the profile', async () => {
    const unavailable = newId('ten');
    const routeless = newId('ten');
    identity.answer(unavailable, { status: 503 }, details(salonZon(unavailable)));
    identity.answer(routeless, { status: 404, body: { type: `${PROBLEM_TYPE_BASE}not-found` } }, details(salonZon(routeless)));
    await announce(unavailable, `test-${unavailable}-1`);
    await announce(routeless, `test-${routeless}-1`);
    for (const tenantId of [unavailable, routeless]) {
      const res = await profileOf(tenantId, 10_000);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Salon Zon', kvkNumber: '12345678' });
      expect(identity.callsFor(tenantId)).toBe(2);
    }
  });
});
