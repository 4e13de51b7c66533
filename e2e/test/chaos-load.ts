import { randomBytes } from 'node:crypto';
import { passwordGrant } from '@homi/testing';
import { client, completedRequest, type Institute, type Platform } from './platform';

// The chaos suites' mixed load and their end checks (ADR 52; the cluster's, ADR 57): two workers
// looping through sign-ins, client and appointment writes and erasure requests through the gateway,
// and, at the end, every accepted write there exactly once and every accepted erasure completed once.

export interface Tally {
  sent: number;
  byStatus: Map<string, number>;
  /** Answers that are faults whatever was down: 500, 501, 502, 504, … */
  faults: string[];
}

export interface Load {
  tally: Tally;
  accepted: { clients: { id: string; marker: string }[]; appointments: { id: string; clientId: string }[]; erasures: { id: string; clientId: string }[] };
  /** What was sent but not answered 2xx (a lost answer, a 503): there at most once. */
  attempted: { clients: string[]; erasures: string[] };
  /** Ends the workers after their current request. */
  stop(): Promise<void>;
}

/** Starts the two workers against `p`'s gateway as `institute`'s owner. */
export function startLoad(p: Platform, institute: Institute): Load {
  let running = true;
  const load: Omit<Load, 'stop'> = {
    tally: { sent: 0, byStatus: new Map(), faults: [] },
    accepted: { clients: [], appointments: [], erasures: [] },
    attempted: { clients: [], erasures: [] },
  };
  const workers = [0, 1].map((worker) => mixedLoad(p, worker, institute, load, () => running));
  return {
    ...load,
    async stop() {
      running = false;
      await Promise.all(workers);
    },
  };
}

/** The answers by status and the accepted writes, for a run's printed summary. */
export function loadSummary(load: Load) {
  return {
    requests: load.tally.sent,
    answers: Object.fromEntries([...load.tally.byStatus].sort()),
    faults: load.tally.faults.length,
    accepted: { clients: load.accepted.clients.length, appointments: load.accepted.appointments.length, erasures: load.accepted.erasures.length },
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
  expect(load.tally.faults).toEqual([]);
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
