import { randomBytes } from 'node:crypto';
import { startPrivatePostgres, type PrivatePostgres } from '@homi/testing';
import { expectNothingLostOrDoubled, loadSummary, sleep, startLoad, stopLoads } from './chaos-load';
import { client, startPlatform, type Institute, type Platform, type ServiceKey } from './platform';

// Issue 19's chaos suite: the platform as separate processes, on a Postgres and a nats-server of its
// own, under a steady mixed load (sign-ins, client and appointment writes, helpdesk tickets, invoices,
// access and erasure requests), while every service, NATS and Postgres is SIGKILLed in turn at a
// random moment and started again. Asserted at the end: every accepted write is there exactly once,
// every accepted privacy request completed with each owner acting once, every invoice made once at
// FactuurSturen, every event consumed once, no 5xx but 503 (or a refused connection while the gateway
// itself is down) — and each recovery, from the restart until every service is ready and a write
// succeeds, within 5 s. `npm test` runs one round; `npm run chaos` runs HOMI_CHAOS_ROUNDS (default 3).

const ROUNDS = Number(process.env.HOMI_CHAOS_ROUNDS ?? 1);
const DOWN_MS = 1000;
const RECOVERY_LIMIT_MS = 5000;
type Victim = ServiceKey | 'nats' | 'postgres';
const VICTIMS: Victim[] = ['tenantData', 'identity', 'privacy', 'billing', 'helpdesk', 'gateway', 'nats', 'postgres'];

let pg: PrivatePostgres;
let p: Platform;

beforeAll(async () => {
  pg = await startPrivatePostgres();
  // Silent owners are asked again after 2 s (not 10 minutes): an erasure command a killed owner
  // had taken but not acknowledged comes back by redelivery or by this retry.
  p = await startPlatform({ databaseUrl: pg.url, serviceEnv: { privacy: { RETRY_AFTER_MS: '2000', RETRY_MAX_MS: '4000' } } });
}, 180_000);

afterAll(async () => {
  await stopLoads();
  await p?.stop();
  await pg?.dispose();
}, 60_000);

describe('chaos: every process killed under load', () => {
  it('loses nothing, doubles nothing, answers outages 503, and recovers within seconds', async () => {
    const institute = await p.signup('Salon Chaos');
    const load = await startLoad(p, institute);

    const recoveries: { victim: Victim; round: number; ms: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const victim of VICTIMS) {
        await sleep(300 + Math.random() * 1200);
        const restarted = await kill(victim);
        recoveries.push({ victim, round, ms: await recovery(institute, restarted) });
      }
    }
    await sleep(1500);
    await load.stop();

    const summary = {
      rounds: ROUNDS,
      kills: Object.fromEntries(VICTIMS.map((v) => [v, ROUNDS])),
      ...loadSummary(load),
      recoveryMs: recoveries.map((r) => `${r.victim}#${r.round} ${r.ms}`),
    };
    process.stdout.write(`chaos summary ${JSON.stringify(summary, null, 1)}\n`);
    await expectNothingLostOrDoubled(p, institute, load);
    expect(load.accepted.clients.length).toBeGreaterThan(VICTIMS.length);
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
