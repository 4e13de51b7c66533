import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { NATS_NAMESPACE } from '@homi/contracts';
import { connectNats } from '@homi/messaging';
import { expectNothingLostOrDoubled, loadSummary, sleep, startLoad, type Load } from './chaos-load';
import { client, eventually, FACTUURSTUREN_ACCOUNT, SERVICE_KEYS, startPlatform, type Institute, type Platform, type ServiceKey } from './platform';
import { query } from './sql';

// Issue 19 item 4 (ADR 60): every service — the gateway too — as two processes on the same databases
// and NATS, behind the harness's round-robin proxies, under the chaos suite's mixed load plus invoices.
// Each round SIGKILLs one replica of each service in turn (the other keeps serving), down 1 s, and
// starts it again. Asserted: the chaos suite's end checks, and that nothing shared ran twice — every
// event consumed once per consumer (inbox against stream), privacy's scheduler commanded each attempt
// once, every notice mailed once (Message-ID), every invoice made once at FactuurSturen, and the
// retention runners purged and reported each backdated client once. `npm test` runs one round;
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
    const api = client(p.gateway, institute.ownerToken);
    expect((await api.put(`/tenants/${institute.tenantId}/integrations/factuursturen`, { ...FACTUURSTUREN_ACCOUNT, shareClientData: true })).status).toBe(200);
    const load = startLoad(p, institute);
    const invoicing = startInvoicing(institute, load);

    const kills: Kill[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [i, key] of SERVICE_KEYS.entries()) {
        await sleep(300 + Math.random() * 1200);
        kills.push(await killOne(key, (round + i) % 2, institute));
      }
    }
    await sleep(1500);
    await load.stop();
    const { invoices, unanswered, tickets } = await invoicing.stop();

    const summary = { rounds: ROUNDS, ...loadSummary(load), invoices: invoices.length, tickets: tickets.length, kills, proxyConnections: p.proxyConnections() };
    process.stdout.write(`replicas summary ${JSON.stringify(summary, null, 1)}\n`);
    await expectNothingLostOrDoubled(p, institute, load);
    expect(load.accepted.clients.length).toBeGreaterThan(SERVICE_KEYS.length);
    // The other replica served while one was down.
    expect(kills.filter((k) => k.whileDown !== 201)).toEqual([]);
    // Both replicas of every service took connections.
    for (const [key, counts] of Object.entries(p.proxyConnections())) expect([key, counts.length, Math.min(...counts) > 0]).toEqual([key, 2, true]);

    await expectInvoicesOnce(institute, invoices, unanswered);
    await expectTicketsOnce(institute, tickets);
    await expectNoticesMailedOnce();
    await expectCommandsOnce();
    await expectRetentionOnce(archive, old);
    await expectEveryEventConsumedOnce();
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

/** A third worker: invoices for clients with an appointment (the load never erases those), and helpdesk tickets. */
function startInvoicing(institute: Institute, load: Load) {
  let running = true;
  const accepted: string[] = [];
  /** Invoice requests that got no 202 (a cut connection, a 503): made at most once, or not at all. */
  let unanswered = 0;
  const tickets: string[] = [];
  const api = client(p.gateway, institute.ownerToken);
  const worker = (async () => {
    const done = new Set<string>();
    while (running) {
      await sleep(400);
      const subject = `Vraag ${randomBytes(4).toString('hex')}`;
      const opened = await api.post(`/tenants/${institute.tenantId}/tickets`, { subject, category: 'question', message: 'Hoe werkt de agenda?' }).catch(() => undefined);
      if (opened?.status === 201) tickets.push(subject);
      const target = load.accepted.appointments.find((a) => !done.has(a.clientId));
      if (!target) continue;
      done.add(target.clientId);
      const res = await api
        .post(`/tenants/${institute.tenantId}/invoices`, { clientId: target.clientId, lines: [{ description: 'Knippen', quantity: 1, unitPriceCents: 3500, taxRate: 21 }] })
        .catch(() => undefined);
      if (res?.status === 202) accepted.push(res.body.id as string);
      else unanswered++;
    }
  })();
  return {
    async stop() {
      running = false;
      await worker;
      return { invoices: accepted, unanswered, tickets };
    },
  };
}

/**
 * Every accepted invoice made at FactuurSturen exactly once (by its reference). Besides those, only
 * invoices whose request got no 202 — the replica answering it was killed after the commit — each
 * once, no more of them than such requests, and each one an invoice the institute has.
 */
async function expectInvoicesOnce(institute: Institute, ids: string[], unanswered: number) {
  const api = client(p.gateway, institute.ownerToken);
  for (const id of ids) {
    await eventually(async () => (await api.get(`/tenants/${institute.tenantId}/invoices/${id}`)).body?.status === 'created', `invoice ${id} created`, 60_000);
  }
  const made = p.simulator.state.account(FACTUURSTUREN_ACCOUNT.username).invoices.map((i) => /homi-ref:([A-Za-z0-9_-]+)/.exec(i.invoicenote ?? '')?.[1]);
  expect(new Set(made).size).toBe(made.length);
  expect(made.filter((id) => id !== undefined && ids.includes(id)).sort()).toEqual([...ids].sort());
  const unacknowledged = made.filter((id) => id === undefined || !ids.includes(id));
  expect(unacknowledged.length).toBeLessThanOrEqual(unanswered);
  for (const id of unacknowledged) expect((await api.get(`/tenants/${institute.tenantId}/invoices/${id}`)).status).toBe(200);
}

/** Every ticket answered 201 is there once. */
async function expectTicketsOnce(institute: Institute, subjects: string[]) {
  const api = client(p.gateway, institute.ownerToken);
  const listed: string[] = [];
  let cursor: string | undefined;
  do {
    const res = await api.get(`/tenants/${institute.tenantId}/tickets?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status).toBe(200);
    listed.push(...(res.body.items as { subject: string }[]).map((t) => t.subject));
    cursor = res.body.nextCursor ?? undefined;
  } while (cursor);
  expect(subjects.length).toBeGreaterThan(0);
  for (const s of subjects) expect([s, listed.filter((l) => l === s).length]).toEqual([s, 1]);
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

/**
 * Every event consumed once by each consumer: per consumer and subject, the inbox rows (one per
 * message id) number exactly the stream's messages on that subject, and no consumer has anything
 * pending or unacknowledged.
 */
async function expectEveryEventConsumedOnce() {
  const nc = await connectNats({ url: p.natsUrl, name: 'replicas-test' });
  try {
    const jsm = await jetstreamManager(nc);
    const streams = (await jsm.streams.list().next()).filter((s) => s.config.name.startsWith(`${NATS_NAMESPACE}_`) && !s.config.name.includes('DEAD'));
    const onStream = new Map<string, number>();
    const settled = async () => {
      for (const s of streams) {
        for (const c of await jsm.consumers.list(s.config.name).next()) {
          const info = await jsm.consumers.info(s.config.name, c.name);
          if (info.num_pending + info.num_ack_pending > 0) return false;
        }
      }
      return true;
    };
    await eventually(settled, 'every consumer caught up', 30_000);
    for (const s of streams) {
      const info = await jsm.streams.info(s.config.name, { subjects_filter: '>' });
      for (const [subject, n] of Object.entries(info.state.subjects ?? {})) onStream.set(subject, n);
    }
    let checked = 0;
    for (const [service, url] of Object.entries(p.databases)) {
      const rows = await query<{ consumer: string; subject: string; n: number }>(url, 'select consumer, subject, count(*)::int n from inbox group by 1, 2');
      for (const r of rows) {
        checked++;
        expect([service, r.consumer, r.subject, r.n]).toEqual([service, r.consumer, r.subject, onStream.get(r.subject)]);
      }
    }
    expect(checked).toBeGreaterThan(5);
  } finally {
    await nc.close();
  }
}
