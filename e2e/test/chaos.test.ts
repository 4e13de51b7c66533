import { randomBytes } from 'node:crypto';
import { passwordGrant, startPrivatePostgres, type PrivatePostgres } from '@homi/testing';
import { client, completedRequest, startPlatform, type Institute, type Platform, type ServiceKey } from './platform';

// Issue 19's chaos suite: the platform as separate processes, on a Postgres and a nats-server of its
// own, under a steady mixed load (sign-ins, client and appointment writes, erasure requests), while
// every service, NATS and Postgres is SIGKILLed in turn at a random moment and started again.
// Asserted at the end: every accepted write is there exactly once, every accepted erasure completed
// with each owner acting once, no 5xx but 503 (or a refused connection while the gateway itself is
// down) — and each recovery, from the restart until every service is ready and a write succeeds,
// within 5 s. `npm test` runs one round; `npm run chaos` runs HOMI_CHAOS_ROUNDS (default 3).

const ROUNDS = Number(process.env.HOMI_CHAOS_ROUNDS ?? 1);
const DOWN_MS = 1000;
const RECOVERY_LIMIT_MS = 5000;
type Victim = ServiceKey | 'nats' | 'postgres';
const VICTIMS: Victim[] = ['tenantData', 'identity', 'privacy', 'billing', 'helpdesk', 'gateway', 'nats', 'postgres'];

interface Tally {
  sent: number;
  byStatus: Map<string, number>;
  /** Answers that are faults whatever was down: 500, 501, 502, 504, … */
  faults: string[];
}

let pg: PrivatePostgres;
let p: Platform;

beforeAll(async () => {
  pg = await startPrivatePostgres();
  // Silent owners are asked again after 2 s (not 10 minutes): an erasure command a killed owner
  // had taken but not acknowledged comes back by redelivery or by this retry.
  p = await startPlatform({ databaseUrl: pg.url, serviceEnv: { privacy: { RETRY_AFTER_MS: '2000', RETRY_MAX_MS: '4000' } } });
}, 180_000);

afterAll(async () => {
  await p?.stop();
  await pg?.dispose();
}, 60_000);

describe('chaos: every process killed under load', () => {
  it('loses nothing, doubles nothing, answers outages 503, and recovers within seconds', async () => {
    const institute = await p.signup('Salon Chaos');
    const tally: Tally = { sent: 0, byStatus: new Map(), faults: [] };
    const accepted = { clients: [] as { id: string; marker: string }[], appointments: [] as { id: string; clientId: string }[], erasures: [] as { id: string; clientId: string }[] };
    // What was sent but not answered 2xx (a lost answer, a 503): there at most once.
    const attempted = { clients: [] as string[], erasures: [] as string[] };
    let running = true;
    const load = [0, 1].map((worker) => mixedLoad(worker, institute, tally, accepted, attempted, () => running));

    const recoveries: { victim: Victim; round: number; ms: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const victim of VICTIMS) {
        await sleep(300 + Math.random() * 1200);
        const restarted = await kill(victim);
        recoveries.push({ victim, round, ms: await recovery(institute, restarted) });
      }
    }
    await sleep(1500);
    running = false;
    await Promise.all(load);

    const summary = {
      rounds: ROUNDS,
      kills: Object.fromEntries(VICTIMS.map((v) => [v, ROUNDS])),
      requests: tally.sent,
      answers: Object.fromEntries([...tally.byStatus].sort()),
      faults: tally.faults.length,
      accepted: { clients: accepted.clients.length, appointments: accepted.appointments.length, erasures: accepted.erasures.length },
      recoveryMs: recoveries.map((r) => `${r.victim}#${r.round} ${r.ms}`),
    };
    process.stdout.write(`chaos summary ${JSON.stringify(summary, null, 1)}\n`);
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

    expect(tally.faults).toEqual([]);
    expect(accepted.clients.length).toBeGreaterThan(VICTIMS.length);
    expect(recoveries.filter((r) => r.ms > RECOVERY_LIMIT_MS)).toEqual([]);
  }, 600_000);
});

/** SIGKILL, down for DOWN_MS, started again; resolves when the process was started again. */
async function kill(victim: Victim): Promise<number> {
  if (victim === 'nats') {
    await p.natsServer!.stop();
    await sleep(DOWN_MS);
    await p.natsServer!.start();
  } else if (victim === 'postgres') {
    await pg.kill();
    await sleep(DOWN_MS);
    await pg.start();
  } else {
    await p.restart(victim, 'SIGKILL', { downMs: DOWN_MS });
  }
  return Date.now();
}

/** From the restart until every service answers ready and a client write through the gateway succeeds. */
async function recovery(institute: Institute, since: number): Promise<number> {
  const api = client(p.gateway, institute.ownerToken);
  for (;;) {
    const ready = await Promise.all(Object.values(p.processes).map((s) => fetch(`${s.url}/readyz`).then((r) => r.ok, () => false)));
    if (ready.every(Boolean)) {
      const res = await api.post(`/tenants/${institute.tenantId}/clients`, { name: `Herstel ${randomBytes(4).toString('hex')}` }).catch(() => undefined);
      if (res?.status === 201) return Date.now() - since;
    }
    if (Date.now() - since > 60_000) throw new Error('the platform did not recover within 60 s');
    await sleep(100);
  }
}

async function mixedLoad(
  worker: number, institute: Institute, tally: Tally,
  accepted: { clients: { id: string; marker: string }[]; appointments: { id: string; clientId: string }[]; erasures: { id: string; clientId: string }[] },
  attempted: { clients: string[]; erasures: string[] }, running: () => boolean,
): Promise<void> {
  const t = institute.tenantId;
  const api = client(p.gateway, institute.ownerToken);
  let n = 0;
  while (running()) {
    n++;
    const op = n % 4;
    if (op === 0) {
      // A sign-in at the issuer, then a read through the gateway with the fresh token.
      const token = await passwordGrant(p.issuer, institute.owner.email, institute.owner.password).then((x) => x.access_token, () => undefined);
      if (token) await send(tally, 'me', () => client(p.gateway, token).get('/me'));
      continue;
    }
    if (op === 1 || op === 2) {
      const marker = `Chaos ${worker}-${n}-${randomBytes(3).toString('hex')}`;
      attempted.clients.push(marker);
      const res = await send(tally, 'client', () => api.post(`/tenants/${t}/clients`, { name: marker, email: `${marker.replace(/\W+/g, '.').toLowerCase()}@example.nl` }));
      if (res?.status !== 201) continue;
      accepted.clients.push({ id: res.body.id, marker });
      if (op === 1) {
        const day = String(1 + (n % 27)).padStart(2, '0');
        const hour = String(8 + worker * 5 + (n % 5)).padStart(2, '0');
        const appt = await send(tally, 'appointment', () => api.post(`/tenants/${t}/appointments`, { clientId: res.body.id, startsAt: `2027-01-${day}T${hour}:00:00Z`, endsAt: `2027-01-${day}T${hour}:30:00Z`, treatment: 'Knippen' }));
        if (appt?.status === 201) accepted.appointments.push({ id: appt.body.id, clientId: res.body.id });
      }
      continue;
    }
    // An erasure of the newest client this worker made that has no appointment.
    const target = [...accepted.clients].reverse().find((c) => c.marker.startsWith(`Chaos ${worker}-`) && !accepted.appointments.some((a) => a.clientId === c.id) && !attempted.erasures.includes(c.id));
    if (!target) continue;
    attempted.erasures.push(target.id);
    const res = await send(tally, 'erasure', () => api.post('/privacy/requests', { type: 'erasure', subject: { kind: 'client', tenantId: t, clientId: target.id } }));
    if (res?.status === 202) accepted.erasures.push({ id: res.body.id, clientId: target.id });
    await sleep(50);
  }
}

/** One request: tallied by its status; a refused connection counts as such (the gateway itself was down). */
async function send<T extends { status: number }>(tally: Tally, what: string, call: () => Promise<T>): Promise<T | undefined> {
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
