import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { NATS_NAMESPACE } from '@homi/contracts';
import { connectNats } from '@homi/messaging';
import { passwordGrant, unzip } from '@homi/testing';
import { client, completedRequest, eventually, FACTUURSTUREN_ACCOUNT, type Institute, type Platform } from './platform';
import { query } from './sql';

// The chaos suites' mixed load and their end checks (ADR 52; the cluster's, ADR 57; the replicas',
// ADR 60): two workers looping through sign-ins, client and appointment writes and erasure requests
// through the gateway, and a desk worker opening helpdesk tickets, invoicing clients through
// FactuurSturen and asking access requests; at the end, every accepted write there exactly once,
// every accepted privacy request completed with each owner acting once, every invoice made once at
// the provider, and every event consumed once by each consumer.

export interface Tally {
  sent: number;
  byStatus: Map<string, number>;
  /** Answers that are faults whatever was down: 500, 501, 502, 504, … */
  faults: string[];
}

export interface Load {
  tally: Tally;
  accepted: {
    clients: { id: string; marker: string }[];
    appointments: { id: string; clientId: string }[];
    erasures: { id: string; clientId: string }[];
    accessRequests: { id: string; clientId: string }[];
    invoices: string[];
    tickets: string[];
  };
  /** What was sent but not answered 2xx (a lost answer, a 503): there at most once. */
  attempted: { clients: string[]; erasures: string[]; invoices: number };
  /** Ends the workers after their current request. */
  stop(): Promise<void>;
}

/** Connects `institute` to FactuurSturen and starts the three workers against `p`'s gateway as its owner. */
/** Loads started and not stopped yet (see stopLoads). */
const unstopped = new Set<Load>();

/**
 * Stops every load still running: each suite's afterAll calls it before it stops the platform. A
 * suite that fails halfway (a kill that never recovers) skips its own `load.stop()`, and its workers
 * would go on against a stopped platform, so that jest never ends.
 */
export async function stopLoads(): Promise<void> {
  await Promise.all([...unstopped].map((load) => load.stop()));
}

export async function startLoad(p: Platform, institute: Institute): Promise<Load> {
  const connected = await client(p.gateway, institute.ownerToken).put(`/tenants/${institute.tenantId}/integrations/factuursturen`, { ...FACTUURSTUREN_ACCOUNT, shareClientData: true });
  expect(connected.status).toBe(200);
  let running = true;
  const load: Omit<Load, 'stop'> = {
    tally: { sent: 0, byStatus: new Map(), faults: [] },
    accepted: { clients: [], appointments: [], erasures: [], accessRequests: [], invoices: [], tickets: [] },
    attempted: { clients: [], erasures: [], invoices: 0 },
  };
  const workers = [...[0, 1].map((worker) => mixedLoad(p, worker, institute, load, () => running)), desk(p, institute, load, () => running)];
  const started: Load = {
    ...load,
    async stop() {
      running = false;
      await Promise.all(workers);
      unstopped.delete(started);
    },
  };
  unstopped.add(started);
  return started;
}

/** The answers by status and the accepted writes, for a run's printed summary. */
export function loadSummary(load: Load) {
  return {
    requests: load.tally.sent,
    answers: Object.fromEntries([...load.tally.byStatus].sort()),
    faults: load.tally.faults.length,
    accepted: Object.fromEntries(Object.entries(load.accepted).map(([what, list]) => [what, list.length])),
  };
}

/** Nothing lost, nothing doubled: asserted through the gateway once the load has stopped. */
export async function expectNothingLostOrDoubled(p: Platform, institute: Institute, load: Load): Promise<void> {
  const { accepted, attempted } = load;
  // Every accepted erasure completes, each owner acting once: the client's profile erased once.
  const api = client(p.gateway, institute.ownerToken);
  for (const erasure of accepted.erasures) {
    const done = await completedRequest(api, erasure.id, 60_000);
    const profile = (done.report as { category: string; action: string; records: number }[]).filter((r) => r.category === 'client-profile');
    expect([erasure.id, profile]).toEqual([erasure.id, [expect.objectContaining({ action: 'erased', records: 1 })]]);
    expect((await api.get(`/tenants/${institute.tenantId}/clients/${erasure.clientId}`)).status).toBe(404);
  }
  // Every accepted client is there once; one whose answer was lost is there at most once.
  const names = await allClientNames(api, institute.tenantId);
  // A client an erasure was sent for may be gone even if the answer was lost.
  const erased = new Set(attempted.erasures);
  for (const c of accepted.clients) if (!erased.has(c.id)) expect([c.marker, names.filter((n) => n === c.marker).length]).toEqual([c.marker, 1]);
  for (const marker of attempted.clients) expect(names.filter((n) => n === marker).length).toBeLessThanOrEqual(1);
  // Every accepted appointment of a client not erased is there.
  for (const a of accepted.appointments) {
    if (erased.has(a.clientId)) continue;
    expect([a.id, (await api.get(`/tenants/${institute.tenantId}/appointments/${a.id}`)).status]).toEqual([a.id, 200]);
  }
  // Every accepted access request completes, its package holding the client once.
  for (const access of accepted.accessRequests) {
    await completedRequest(api, access.id, 60_000);
    const zip = await fetch(`${p.gateway}/api/v1/privacy/requests/${access.id}/export`, { headers: { authorization: `Bearer ${institute.ownerToken}` } });
    expect([access.id, zip.status]).toEqual([access.id, 200]);
    const profiles = JSON.parse(unzip(Buffer.from(await zip.arrayBuffer())).get('tenant-data/client-profile.json')?.toString('utf8') ?? '[]') as { id: string }[];
    expect([access.id, profiles.map((c) => c.id)]).toEqual([access.id, [access.clientId]]);
  }
  await expectInvoicesOnce(p, institute, load);
  await expectTicketsOnce(p, institute, accepted.tickets);
  await expectEveryEventConsumedOnce(p);
  expect(load.tally.faults).toEqual([]);
}

/**
 * Every accepted invoice made at FactuurSturen exactly once (by its reference). Besides those, only
 * invoices whose request got no 202 — the process answering it was killed after the commit — each
 * once, no more of them than such requests, and each one an invoice the institute has.
 */
async function expectInvoicesOnce(p: Platform, institute: Institute, load: Omit<Load, 'stop'>): Promise<void> {
  const api = client(p.gateway, institute.ownerToken);
  const ids = load.accepted.invoices;
  for (const id of ids) {
    await eventually(async () => (await api.get(`/tenants/${institute.tenantId}/invoices/${id}`)).body?.status === 'created', `invoice ${id} created`, 60_000);
  }
  const made = p.simulator.state.account(FACTUURSTUREN_ACCOUNT.username).invoices.map((i) => /homi-ref:([A-Za-z0-9_-]+)/.exec(i.invoicenote ?? '')?.[1]);
  expect(new Set(made).size).toBe(made.length);
  expect(made.filter((id) => id !== undefined && ids.includes(id)).sort()).toEqual([...ids].sort());
  const unacknowledged = made.filter((id) => id === undefined || !ids.includes(id));
  expect(unacknowledged.length).toBeLessThanOrEqual(load.attempted.invoices);
  for (const id of unacknowledged) expect((await api.get(`/tenants/${institute.tenantId}/invoices/${id}`)).status).toBe(200);
}

/** Every ticket answered 201 is there once. */
async function expectTicketsOnce(p: Platform, institute: Institute, subjects: string[]): Promise<void> {
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

/**
 * Every event consumed once by each consumer: per consumer and subject, the inbox rows (one per
 * message id) number exactly the stream's messages on that subject, and no consumer has anything
 * pending or unacknowledged.
 */
async function expectEveryEventConsumedOnce(p: Platform): Promise<void> {
  const nc = await connectNats({ url: p.natsUrl, name: 'chaos-load-check' });
  try {
    const jsm = await jetstreamManager(nc);
    const streams = (await jsm.streams.list().next()).filter((s) => s.config.name.startsWith(`${NATS_NAMESPACE}_`) && !s.config.name.includes('DEAD'));
    const unsettled = async () => {
      const behind: string[] = [];
      for (const s of streams) {
        for (const c of await jsm.consumers.list(s.config.name).next()) {
          const info = await jsm.consumers.info(s.config.name, c.name);
          if (info.num_pending + info.num_ack_pending > 0) behind.push(`${c.name} pending ${info.num_pending} unacknowledged ${info.num_ack_pending}`);
        }
      }
      return behind;
    };
    // A message a killed process had taken comes again once its ack wait (30 s) has run out.
    const caughtUp = await eventually(async () => (await unsettled()).length === 0, 'every consumer caught up', 75_000).catch(() => false);
    if (!caughtUp) {
      // With the log lines (they never hold personal data) that name a consumer still holding a message.
      const behind = await unsettled();
      const names = behind.map((b) => b.split(' ')[0]!);
      const logs = Object.values(p.processes).flatMap((s) => s.output().split('\n').filter((l) => names.some((n) => l.includes(n))).slice(-8).map((l) => `${s.name}: ${l}`));
      process.stdout.write(`consumers behind:\n${behind.join('\n')}\n${logs.join('\n')}\n`);
      expect(behind).toEqual([]);
    }
    // The gateway goes on reporting usage (the checks above made requests): a report published and
    // consumed between reading the stream and reading an inbox would look like a message consumed
    // twice. So the inboxes are compared with the stream as it stood both before and after reading
    // them; a snapshot where the stream moved meanwhile is taken again.
    const streamCounts = async () => {
      const counts = new Map<string, number>();
      for (const s of streams) {
        const info = await jsm.streams.info(s.config.name, { subjects_filter: '>' });
        for (const [subject, n] of Object.entries(info.state.subjects ?? {})) counts.set(subject, n);
      }
      return counts;
    };
    const inboxCounts = async () => {
      const rows: { service: string; consumer: string; subject: string; n: number }[] = [];
      for (const [service, url] of Object.entries(p.databases)) {
        for (const r of await query<{ consumer: string; subject: string; n: number }>(url, 'select consumer, subject, count(*)::int n from inbox group by 1, 2')) rows.push({ service, ...r });
      }
      return rows;
    };
    const snapshot = async () => {
      const before = await streamCounts();
      const rows = await inboxCounts();
      const after = await streamCounts();
      const steady = [...after].every(([subject, n]) => before.get(subject) === n) && after.size === before.size;
      return { steady, rows, onStream: after };
    };
    let taken = await snapshot();
    const matches = (t: typeof taken) => t.steady && t.rows.every((r) => t.onStream.get(r.subject) === r.n);
    await eventually(async () => matches((taken = await snapshot())), 'every inbox matching a steady stream', 30_000).catch(() => undefined);
    let checked = 0;
    for (const r of taken.rows) {
      checked++;
      expect([r.service, r.consumer, r.subject, r.n]).toEqual([r.service, r.consumer, r.subject, taken.onStream.get(r.subject)]);
    }
    expect(checked).toBeGreaterThan(5);
  } finally {
    await nc.close();
  }
}

async function mixedLoad(p: Platform, worker: number, institute: Institute, load: Omit<Load, 'stop'>, running: () => boolean): Promise<void> {
  const { tally, accepted, attempted } = load;
  const t = institute.tenantId;
  const api = client(p.gateway, institute.ownerToken);
  let n = 0;
  while (running()) {
    n++;
    const op = n % 4;
    if (op === 0) {
      // A sign-in at the issuer, then a read through the gateway with the fresh token.
      const token = await passwordGrant(p.issuer, institute.owner.email, institute.owner.password).then((x) => x.access_token, () => undefined);
      if (token) await send(p, tally, 'me', () => client(p.gateway, token).get('/me'));
      continue;
    }
    if (op === 1 || op === 2) {
      const marker = `Chaos ${worker}-${n}-${randomBytes(3).toString('hex')}`;
      attempted.clients.push(marker);
      const res = await send(p, tally, 'client', () => api.post(`/tenants/${t}/clients`, { name: marker, email: `${marker.replace(/\W+/g, '.').toLowerCase()}@example.nl` }));
      if (res?.status !== 201) continue;
      accepted.clients.push({ id: res.body.id, marker });
      if (op === 1) {
        const day = String(1 + (n % 27)).padStart(2, '0');
        const hour = String(8 + worker * 5 + (n % 5)).padStart(2, '0');
        const appt = await send(p, tally, 'appointment', () => api.post(`/tenants/${t}/appointments`, { clientId: res.body.id, startsAt: `2027-01-${day}T${hour}:00:00Z`, endsAt: `2027-01-${day}T${hour}:30:00Z`, treatment: 'Knippen' }));
        if (appt?.status === 201) accepted.appointments.push({ id: appt.body.id, clientId: res.body.id });
      }
      continue;
    }
    // An erasure of the newest client this worker made that has no appointment.
    const target = [...accepted.clients].reverse().find((c) => c.marker.startsWith(`Chaos ${worker}-`) && !accepted.appointments.some((a) => a.clientId === c.id) && !attempted.erasures.includes(c.id));
    if (!target) continue;
    attempted.erasures.push(target.id);
    const res = await send(p, tally, 'erasure', () => api.post('/privacy/requests', { type: 'erasure', subject: { kind: 'client', tenantId: t, clientId: target.id } }));
    if (res?.status === 202) accepted.erasures.push({ id: res.body.id, clientId: target.id });
    await sleep(50);
  }
}

/**
 * The desk: every 400 ms a helpdesk ticket; in turn an invoice or an access request for a client
 * with an appointment (the load never erases those), each client invoiced and asked for once.
 */
async function desk(p: Platform, institute: Institute, load: Omit<Load, 'stop'>, running: () => boolean): Promise<void> {
  const { tally, accepted, attempted } = load;
  const t = institute.tenantId;
  const api = client(p.gateway, institute.ownerToken);
  const invoiced = new Set<string>();
  const asked = new Set<string>();
  let n = 0;
  while (running()) {
    await sleep(400);
    n++;
    const subject = `Vraag ${randomBytes(4).toString('hex')}`;
    const opened = await send(p, tally, 'ticket', () => api.post(`/tenants/${t}/tickets`, { subject, category: 'question', message: 'Hoe werkt de agenda?' }));
    if (opened?.status === 201) accepted.tickets.push(subject);
    const done = n % 3 === 0 ? asked : invoiced;
    const target = accepted.appointments.find((a) => !done.has(a.clientId));
    if (!target) continue;
    done.add(target.clientId);
    if (done === asked) {
      const res = await send(p, tally, 'access', () => api.post('/privacy/requests', { type: 'access', subject: { kind: 'client', tenantId: t, clientId: target.clientId } }));
      if (res?.status === 202) accepted.accessRequests.push({ id: res.body.id, clientId: target.clientId });
    } else {
      const res = await send(p, tally, 'invoice', () => api.post(`/tenants/${t}/invoices`, { clientId: target.clientId, lines: [{ description: 'Knippen', quantity: 1, unitPriceCents: 3500, taxRate: 21 }] }));
      if (res?.status === 202) accepted.invoices.push(res.body.id as string);
      else attempted.invoices++;
    }
  }
}

/** One request: tallied by its status; a refused connection counts as such (the gateway itself was down). */
async function send<T extends { status: number }>(p: Platform, tally: Tally, what: string, call: () => Promise<T>): Promise<T | undefined> {
  tally.sent++;
  let key: string;
  let res: T | undefined;
  try {
    res = await call();
    key = String(res.status);
  } catch {
    key = 'no-connection';
  }
  tally.byStatus.set(key, (tally.byStatus.get(key) ?? 0) + 1);
  if (res && res.status >= 500 && res.status !== 503) {
    // With the services' last log lines (they never hold personal data), to find where it came from.
    const logs = Object.values(p.processes).map((s) => `--- ${s.name}\n${s.output().split('\n').slice(-6).join('\n')}`).join('\n');
    tally.faults.push(`${what} ${res.status} ${JSON.stringify((res as unknown as { body?: unknown }).body).slice(0, 200)}\n${logs}`);
  }
  return res;
}

async function allClientNames(api: ReturnType<typeof client>, tenantId: string): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const res = await api.get(`/tenants/${tenantId}/clients?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status).toBe(200);
    names.push(...(res.body.items as { name: string }[]).map((c) => c.name));
    cursor = res.body.nextCursor ?? undefined;
  } while (cursor);
  return names;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
