import http from 'node:http';
import { jetstream, AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { OwnerResultReported, PRIVACY_STREAM, RequestCommanded, type DataSubject, type OwnerResultReported as Result } from '@homi/contracts';
import { connectNats, publish } from '@homi/messaging';
import { newId, verifyService } from '@homi/service-kit';
import { as, owner, startTenantData, SECRET, type Harness } from './harness';

// tenant-data as a data owner: export, erase and rectify a client, erase a whole tenant.
let h: Harness;
let nc: NatsConnection;
let server: http.Server;
const uploads = new Map<string, string>();
const corrections = new Map<string, unknown>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        verifyService(req.headers['x-homi-service'] as string, SECRET);
      } catch {
        return void res.writeHead(401).end();
      }
      const id = (req.url ?? '').split('/')[5] ?? '';
      if (req.method === 'PUT') uploads.set(id, body);
      if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ corrections: corrections.get(id) }));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  h = await startTenantData({ privacyUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}` });
  nc = await connectNats({ url: h.natsUrl, name: 'privacy-test' });
});
afterAll(async () => {
  await nc?.close();
  await h?.stop();
  server.close();
});

async function run(type: 'access' | 'erasure' | 'rectification', subject: DataSubject, deliveries = 1, fixes?: unknown): Promise<Result[]> {
  const js = jetstream(nc);
  const requestId = newId('dsr');
  if (fixes) corrections.set(requestId, fixes);
  for (let i = 1; i <= deliveries; i++) {
    await publish(js, RequestCommanded, { requestId, type, subject, owners: ['tenant-data'], attempt: i, occurredAt: new Date().toISOString() }, { msgId: `${requestId}-${i}` });
  }
  const jsm = await js.jetstreamManager();
  const info = await jsm.consumers.add(PRIVACY_STREAM.name, { filter_subject: OwnerResultReported.subject, ack_policy: AckPolicy.None, deliver_policy: DeliverPolicy.All });
  const consumer = await js.consumers.get(PRIVACY_STREAM.name, info.name);
  const found: Result[] = [];
  const deadline = Date.now() + 15_000;
  while (found.length < deliveries && Date.now() < deadline) {
    for await (const m of await consumer.fetch({ max_messages: 1000, expires: 1000 })) {
      const r = m.json<Result>();
      if (r.requestId === requestId) found.push(r);
    }
  }
  if (type === 'access') found.forEach((r) => Object.assign(r, { upload: uploads.get(requestId) }));
  if (type === 'rectification') corrections.delete(requestId);
  return found;
}

async function seedClient(api: ReturnType<typeof as>) {
  const c = (await api.post('/clients', { name: 'Maria Jansen', email: 'maria@example.nl', phone: '0611122233' })).body;
  await api.post('/appointments', { clientId: c.id, startsAt: '2026-12-01T10:00:00Z', endsAt: '2026-12-01T11:00:00Z', treatment: 'Pedicure', notes: 'diabetes' });
  await api.post('/appointments', { clientId: c.id, startsAt: '2026-12-08T10:00:00Z', endsAt: '2026-12-08T11:00:00Z', treatment: 'Pedicure' });
  return c.id as string;
}

describe('tenant-data as a data owner', () => {
  it("exports every record of a client, and nothing of other clients", async () => {
    const caller = owner();
    const api = as(h, caller);
    const clientId = await seedClient(api);
    await api.post('/clients', { name: 'Someone Else' });
    const [result] = await run('access', { kind: 'client', tenantId: caller.tenantId, clientId });
    expect(result?.results).toEqual(expect.arrayContaining([
      { category: 'client-profile', records: 1, action: 'exported' },
      { category: 'appointments', records: 2, action: 'exported' },
      { category: 'treatment-notes', records: 1, action: 'exported' },
    ]));
    const upload = (result as unknown as { upload: string }).upload;
    expect(upload).toContain('maria@example.nl');
    expect(upload).toContain('diabetes');
    expect(upload).not.toContain('Someone Else');
  });

  it('erases a client with appointments and notes once, however often the command arrives', async () => {
    const caller = owner();
    const api = as(h, caller);
    const clientId = await seedClient(api);
    const results = await run('erasure', { kind: 'client', tenantId: caller.tenantId, clientId }, 2);
    const erased = results.map((r) => r.results.find((c) => c.category === 'client-profile')?.records).sort();
    expect(erased).toEqual([0, 1]);
    expect((await api.get(`/clients/${clientId}`)).status).toBe(404);
    expect((await api.get('/appointments')).body.items).toEqual([]);
  });

  it('rectifies a client with the corrections fetched from the privacy service', async () => {
    const caller = owner();
    const api = as(h, caller);
    const clientId = await seedClient(api);
    const subject: DataSubject = { kind: 'client', tenantId: caller.tenantId, clientId };
    const pending = run('rectification', subject, 1, { phone: '06 9998 8877', unknownField: 'ignored' });
    const [result] = await pending;
    expect(result?.results).toEqual([{ category: 'client-profile', records: 1, action: 'rectified' }]);
    expect((await api.get(`/clients/${clientId}`)).body.phone).toBe('0699988877');
  });

  it('erases a whole tenant', async () => {
    const caller = owner();
    const api = as(h, caller);
    await seedClient(api);
    await seedClient(api);
    const [result] = await run('erasure', { kind: 'tenant', tenantId: caller.tenantId });
    expect(result?.results.find((c) => c.category === 'client-profile')?.records).toBe(2);
    expect((await api.get('/clients')).body.items).toEqual([]);
  });
});
