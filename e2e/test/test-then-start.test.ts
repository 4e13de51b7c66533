import { randomBytes } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { NATS_NAMESPACE, OwnerAnnounced, PRIVACY_STREAM, type OwnerDeclaration } from '@homi/contracts';
import { connectNats, ensureStream, publish } from '@homi/messaging';
import { startPrivateNatsServer, type PrivateNatsServer } from '@homi/testing';
import { client, completedRequest, startPlatform, type Platform } from './platform';

// Issue 20, seen for real: `npm test` against a NATS server, then `npm start` against the same one,
// left every privacy request in progress, waiting for a test's data owner announced on the shared
// PRIVACY stream. Here the same sequence: first what the test suite does (a `test-owner-…`
// announced, as libs/privacy-kit's tests announce theirs), then the platform started as `npm start`
// starts it (no test namespace) on the same server, then an access request and an erasure.
let server: PrivateNatsServer;
let p: Platform | undefined;

beforeAll(async () => {
  // The server both runs are pointed at: one without users, as CI's and a developer's are.
  server = await startPrivateNatsServer();
}, 30_000);
afterAll(async () => {
  await p?.stop();
  await server?.dispose();
});

const testOwner: OwnerDeclaration = {
  owner: `test-owner-${randomBytes(3).toString('hex')}`,
  version: '1',
  controllerRole: 'processor',
  categories: [{
    name: 'notes', description: 'Notes about a client', subjects: ['client'], fields: ['text'], purpose: 'Treatment',
    legalBasis: 'contract', retention: { period: null, startsAt: 'while the client is active' }, recipients: [], source: 'the institute',
  }],
};

it('completes an access request and an erasure on a platform started after a test run on the same servers', async () => {
  // 1. The test run: its own namespace (the jest global setup's), a data owner announced in it.
  expect(NATS_NAMESPACE).toMatch(/^t[a-z0-9]+$/);
  const nc = await connectNats({ url: server.url, name: 'test-run' });
  try {
    const jsm = await jetstreamManager(nc);
    await ensureStream(jsm, PRIVACY_STREAM);
    await publish(jetstream(nc), OwnerAnnounced.forOwner(testOwner.owner), { declaration: testOwner, occurredAt: new Date().toISOString() }, { msgId: `announce-${testOwner.owner}` });
    const kept = await jsm.streams.info(PRIVACY_STREAM.name);
    expect(kept.state.messages).toBe(1);
    expect(PRIVACY_STREAM.name).toBe(`${NATS_NAMESPACE}_PRIVACY`);
  } finally {
    await nc.close();
  }

  // 2. `npm start` on the same server: no namespace, the plain stream names.
  p = await startPlatform({ natsUrl: server.url, env: { HOMI_NATS_NAMESPACE: '' } });

  // 3. A user's requests complete: only the platform's own owners are waited for.
  const institute = await p.signup('Salon Na De Tests');
  const api = client(p.gateway, institute.ownerToken);
  const t = institute.tenantId;
  const cli = (await api.post(`/tenants/${t}/clients`, { name: 'Client Na De Tests', email: 'na.de.tests@example.nl' })).body.id as string;
  const subject = { kind: 'client', tenantId: t, clientId: cli };

  const access = await api.post('/privacy/requests', { type: 'access', subject });
  expect(access.status).toBe(202);
  const exported = await completedRequest(api, access.body.id, 45_000);
  const owners = exported.owners.map((o: { owner: string }) => o.owner);
  expect(owners).toEqual(expect.arrayContaining(['identity', 'tenant-data']));
  expect(owners).not.toContain(testOwner.owner);

  const erasure = await api.post('/privacy/requests', { type: 'erasure', subject });
  expect(erasure.status).toBe(202);
  const erased = await completedRequest(api, erasure.body.id, 45_000);
  expect(erased.report).toEqual(expect.arrayContaining([expect.objectContaining({ category: 'client-profile', action: 'erased', records: 1 })]));

  // The platform's streams are the plain ones, beside (never mixed with) the test run's.
  const check = await connectNats({ url: server.url, name: 'check' });
  try {
    const jsm = await jetstreamManager(check);
    const names: string[] = [];
    for await (const name of jsm.streams.names()) names.push(name);
    expect(names).toEqual(expect.arrayContaining(['PRIVACY', `${NATS_NAMESPACE}_PRIVACY`]));
  } finally {
    await check.close();
  }
}, 180_000);
