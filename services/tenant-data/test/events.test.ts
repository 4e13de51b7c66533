import { jetstream, AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { ClientCreated, TENANT_DATA_STREAM, TenantCreated, IDENTITY_STREAM } from '@homi/contracts';
import { connectNats, publish } from '@homi/messaging';
import { newId } from '@homi/service-kit';
import { as, owner, startTenantData, type Harness } from './harness';

let h: Harness;
let nc: NatsConnection;
beforeAll(async () => {
  h = await startTenantData();
  nc = await connectNats({ url: h.natsUrl, name: 'events-test' });
});
afterAll(async () => {
  await nc?.close();
  await h?.stop();
});

/** Every event on the tenant-data stream for one tenant, read with an ephemeral consumer. */
async function eventsOf(tenantId: string, subject: string, expected: number): Promise<{ id: string; data: { clientId: string } }[]> {
  const js = jetstream(nc);
  const jsm = await js.jetstreamManager();
  const info = await jsm.consumers.add(TENANT_DATA_STREAM.name, {
    filter_subject: subject,
    ack_policy: AckPolicy.None,
    deliver_policy: DeliverPolicy.All,
    inactive_threshold: 30_000_000_000,
  });
  const consumer = await js.consumers.get(TENANT_DATA_STREAM.name, info.name);
  const found: { id: string; data: { clientId: string; tenantId: string } }[] = [];
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const batch = await consumer.fetch({ max_messages: 500, expires: 1000 });
    for await (const m of batch) {
      const data = m.json<{ clientId: string; tenantId: string }>();
      if (data.tenantId === tenantId) found.push({ id: m.headers?.get('Nats-Msg-Id') ?? '', data });
    }
    if (found.length >= expected) break;
  }
  await jsm.consumers.delete(TENANT_DATA_STREAM.name, info.name).catch(() => undefined);
  return found;
}

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

  it('creates the institute profile when identity announces a tenant, once however often it is announced', async () => {
    const tenantId = newId('ten');
    const js = jetstream(nc);
    const data = { tenantId, instituteName: 'Salon Zon', occurredAt: new Date().toISOString() };
    await publish(js, TenantCreated, data, { msgId: `test-${tenantId}-1` });
    await publish(js, TenantCreated, data, { msgId: `test-${tenantId}-2` });
    const api = as(h, owner(tenantId));
    let res = await api.get('');
    for (let i = 0; i < 50 && res.status === 404; i++) {
      await new Promise((r) => setTimeout(r, 100));
      res = await api.get('');
    }
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tenantId, name: 'Salon Zon' });
    const patched = await api.patch('', { kvkNumber: '12345678', address: { street: 'Markt', houseNumber: '1', postcode: '1234ab', city: 'Utrecht' } });
    expect(patched.body.address.postcode).toBe('1234 AB');
    expect(IDENTITY_STREAM.name).toBe('IDENTITY');
  });
});
