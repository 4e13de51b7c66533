import { randomBytes } from 'node:crypto';
import { expectNothingLostOrDoubled, loadSummary, sleep, startLoad, stopLoads } from './chaos-load';
import { client, eventually, SERVICE_KEYS, startPlatform, type Institute, type Platform, type ServiceKey } from './platform';
import { query } from './sql';

// Issue 19 item 4 (ADR 60): every service — the gateway too — as two processes on the same databases
// and NATS, behind the harness's round-robin proxies, under the chaos suite's mixed load. Each round
// SIGKILLs one replica of each service in turn (the other keeps serving), down 1 s, and starts it
// again. Asserted: the chaos suite's end checks (every event consumed once per consumer, every invoice
// made once at FactuurSturen among them), and that nothing else shared ran twice — privacy's scheduler
// commanded each attempt once, every notice mailed once (Message-ID), and the retention runners
// purged and reported each backdated client once. `npm test` runs one round;
// `npm run chaos -- --replicas [rounds]` (HOMI_CHAOS_ROUNDS) more.

const ROUNDS = Number(process.env.HOMI_CHAOS_ROUNDS ?? 1);
const DOWN_MS = 1000;
/** Clients made old enough for tenant-data's two-year retention before the load starts. */
const BACKDATED = 4;

let p: Platform;

beforeAll(async () => {
  p = await startPlatform({
    replicas: 2,
    serviceEnv: {
      privacy: { RETRY_AFTER_MS: '2000', RETRY_MAX_MS: '4000', RETENTION_INTERVAL_MS: '1000' },
      tenantData: { RETENTION_INTERVAL_MS: '1000' },
    },
  });
}, 240_000);

afterAll(async () => {
  await stopLoads();
  await p?.stop();
}, 60_000);

interface Kill {
  victim: string;
  /** A client write through the gateway while the replica was down: its status (201: the other replica served). */
  whileDown: number | string;
}

describe('replicas: two processes of every service, one of each SIGKILLed in turn under load', () => {
  it('keeps serving, loses nothing and does nothing twice', async () => {
    const archive = await p.signup('Salon Archief');
    const old = await backdatedClients(archive);
    const institute = await p.signup('Salon Replica');
    const load = await startLoad(p, institute);

    const kills: Kill[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [i, key] of SERVICE_KEYS.entries()) {
        await sleep(300 + Math.random() * 1200);
        kills.push(await killOne(key, (round + i) % 2, institute));
      }
    }
    await sleep(1500);
    await load.stop();

    const summary = { rounds: ROUNDS, ...loadSummary(load), kills, proxyConnections: p.proxyConnections() };
    process.stdout.write(`replicas summary ${JSON.stringify(summary, null, 1)}\n`);
    await expectNothingLostOrDoubled(p, institute, load);
    expect(load.accepted.clients.length).toBeGreaterThan(SERVICE_KEYS.length);
    // The other replica served while one was down.
    expect(kills.filter((k) => k.whileDown !== 201)).toEqual([]);
    // Both replicas of every service took connections.
    for (const [key, counts] of Object.entries(p.proxyConnections())) expect([key, counts.length, Math.min(...counts) > 0]).toEqual([key, 2, true]);
    await expectNoticesMailedOnce();
    await expectCommandsOnce();
    await expectRetentionOnce(archive, old);
  }, 600_000);
});

/** SIGKILLs replica `index` of `key`, writes through the gateway while it is down, starts it again. */
async function killOne(key: ServiceKey, index: number, institute: Institute): Promise<Kill> {
  const api = client(p.gateway, institute.ownerToken);
  const restarted = p.restartReplica(key, index, 'SIGKILL', { downMs: DOWN_MS });
  await sleep(200);
  // One retry: a connection the proxy had open to the killed replica is cut (a 503 or a refused
  // connection once), as a Service's would be; the next one reaches the other replica.
  let whileDown: number | string = 'none';
  for (let attempt = 0; attempt < 2 && whileDown !== 201; attempt++) {
    whileDown = await api.post(`/tenants/${institute.tenantId}/clients`, { name: `Replica ${randomBytes(4).toString('hex')}` }).then((r) => r.status, () => 'no-connection');
  }
  await restarted;
  return { victim: `${key}#${index}`, whileDown };
}

/** Every privacy notice sent once: one mail per sent notification, no Message-ID twice in the catcher. */
async function expectNoticesMailedOnce() {
  const db = p.databases.privacy;
  // A notice leased by a replica that was then SIGKILLed waits out its lease (2 min), and one whose
  // send failed while identity's replica was down waits for its retry (1 min): both are the design.
  await eventually(async () => (await query(db, 'select count(*)::int n from notifications where sent_at is null and gave_up_at is null'))[0]!.n === 0, 'every notice sent', 150_000);
  const sent = await query<{ id: string }>(db, 'select id from notifications where sent_at is not null');
  const mails = await p.mail.list();
  const ids = mails.map((m) => m.messageId).filter((m): m is string => Boolean(m));
  expect(ids.filter((m, i) => ids.indexOf(m) !== i)).toEqual([]);
  for (const n of sent) expect([n.id, ids.filter((m) => m === `<${n.id}.privacy-notice@homi>`).length]).toEqual([n.id, 1]);
  expect(sent.length).toBeGreaterThan(0);
}

/** Privacy's scheduler on two replicas: each request's attempts commanded once each, as many as the request counts. */
async function expectCommandsOnce() {
  const rows = await query<{ request_id: string; attempts: number[]; commands: number }>(
    p.databases.privacy,
    `select a.request_id, array_agg((a.details->>'attempt')::int order by a.seq) attempts, r.commands
       from audit_events a join requests r on r.id = a.request_id where a.action = 'owners.commanded' group by a.request_id, r.commands`,
  );
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) expect([r.request_id, r.attempts]).toEqual([r.request_id, Array.from({ length: r.commands }, (_, i) => i + 1)]);
}

/** Clients of `archive` made two years and a day idle, so tenant-data's retention purges them. */
async function backdatedClients(archive: Institute): Promise<string[]> {
  const api = client(p.gateway, archive.ownerToken);
  const ids: string[] = [];
  for (let i = 0; i < BACKDATED; i++) {
    const res = await api.post(`/tenants/${archive.tenantId}/clients`, { name: `Oud ${i}` });
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  await query(p.databases.tenantData, `update clients set last_activity_at = now() - interval '3 years' where id = any($1)`, [ids]);
  return ids;
}

/** Each backdated client purged once and reported once: the trail's client-profile records add up to them. */
async function expectRetentionOnce(archive: Institute, ids: string[]) {
  const api = client(p.gateway, archive.ownerToken);
  for (const id of ids) expect([id, (await api.get(`/tenants/${archive.tenantId}/clients/${id}`)).status]).toEqual([id, 404]);
  const reported = () =>
    query<{ n: number }>(
      p.databases.privacy,
      `select coalesce(sum((details->>'records')::int), 0)::int n from retention_audit where owner = 'tenant-data' and details->>'category' = 'client-profile'`,
    ).then((r) => r[0]!.n);
  await eventually(async () => (await reported()) >= ids.length, 'the purge reported', 30_000);
  await sleep(3000);
  expect(await reported()).toBe(ids.length);
}
