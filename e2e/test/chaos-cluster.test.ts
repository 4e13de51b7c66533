import { randomBytes } from 'node:crypto';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { MEMBERSHIPS_BUCKET, NATS_NAMESPACE } from '@homi/contracts';
import { connectNats } from '@homi/messaging';
import { expectNothingLostOrDoubled, loadSummary, sleep, startLoad, stopLoads } from './chaos-load';
import { client, startPlatform, type Institute, type Platform } from './platform';

// Issue 19 item 3 (ADR 57): the platform on a three-node JetStream cluster, every stream and bucket
// with three copies, under the chaos suite's mixed load. Each round SIGKILLs the server leading the
// busiest stream, then the one leading the memberships bucket's stream, and starts it again once a
// new leader took over. Asserted: nothing lost, nothing doubled, no 5xx but 503; printed: how long
// the stream took no publish (the election), and how long until the platform wrote again. `npm test`
// runs one round; `npm run chaos -- --cluster [rounds]` more.

const ROUNDS = Number(process.env.HOMI_CHAOS_ROUNDS ?? 1);
/** An election takes 5–8.5 s on 2.9.10; publishes are retried for 10 s (ADR 57). */
const PUBLISH_GAP_LIMIT_MS = 15_000;
const KV_STREAM = `KV_${MEMBERSHIPS_BUCKET}`;

let p: Platform;
let nc: NatsConnection;
let jsm: JetStreamManager;

beforeAll(async () => {
  p = await startPlatform({ natsCluster: true, serviceEnv: { privacy: { RETRY_AFTER_MS: '2000', RETRY_MAX_MS: '4000' } } });
  nc = await connectNats({ url: p.natsUrl, name: 'chaos-cluster-test', reconnectTimeWaitMs: 100 });
  jsm = await jetstreamManager(nc);
}, 180_000);

afterAll(async () => {
  await stopLoads();
  await nc?.close();
  await p?.stop();
}, 60_000);

interface Kill {
  round: number;
  stream: string;
  leader: string;
  /** The other streams the killed server led: they elected new leaders too. */
  alsoLed: string[];
  newLeader: string;
  /** From the SIGKILL until the stream stored a message again. */
  publishGapMs: number;
  /** From the SIGKILL until every service was ready and a client write through the gateway answered 201. */
  writeAgainMs: number;
  /** Services whose /readyz answered otherwise than 200 until then. */
  notReady: string[];
}

describe('chaos: the stream leader of a three-node JetStream cluster killed under load', () => {
  it('loses nothing, doubles nothing, answers 503 at worst, and publishes again after the election', async () => {
    const streams = await jsm.streams.list().next();
    expect(streams.filter((s) => s.config.name.includes(NATS_NAMESPACE)).map((s) => [s.config.name, s.config.num_replicas])).toEqual(
      expect.arrayContaining([[`${NATS_NAMESPACE}_TENANT_DATA`, 3], [`${NATS_NAMESPACE}_PRIVACY`, 3], [KV_STREAM, 3]]),
    );
    const institute = await p.signup('Salon Cluster');
    const load = await startLoad(p, institute);
    const kills: Kill[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      await sleep(1500 + Math.random() * 1000);
      kills.push(await killLeader(round, await busiestStream(), institute));
      await sleep(1000);
      kills.push(await killLeader(round, KV_STREAM, institute));
      // The memberships watch took up again: a new institute's owner gets through the gateway.
      const fresh = await p.signup(`Salon na verkiezing ${round}`);
      expect((await client(p.gateway, fresh.ownerToken).get(`/tenants/${fresh.tenantId}/clients`)).status).toBe(200);
    }
    await sleep(1500);
    await load.stop();

    const summary = { rounds: ROUNDS, nodes: p.natsCluster!.nodes.map((n) => n.name), ...loadSummary(load), kills };
    process.stdout.write(`chaos cluster summary ${JSON.stringify(summary, null, 1)}\n`);
    await expectNothingLostOrDoubled(p, institute, load);
    expect(load.accepted.clients.length).toBeGreaterThan(2 * ROUNDS);
    for (const k of kills) expect([k.stream, k.newLeader === k.leader, k.publishGapMs <= PUBLISH_GAP_LIMIT_MS]).toEqual([k.stream, false, true]);
  }, 600_000);
});

/** The platform's stream (not a bucket's) holding the most messages. */
async function busiestStream(): Promise<string> {
  const streams = (await jsm.streams.list().next()).filter((s) => s.config.name.startsWith(`${NATS_NAMESPACE}_`));
  streams.sort((a, b) => b.state.messages - a.state.messages);
  return streams[0]!.config.name;
}

/** SIGKILLs the server leading `stream`, waits for a new leader and a stored message, starts it again. */
async function killLeader(round: number, stream: string, institute: Institute): Promise<Kill> {
  const cluster = p.natsCluster!;
  const leader = await cluster.streamLeader(stream);
  const alsoLed = Object.entries(await cluster.streamLeaders()).filter(([s, l]) => l === leader && s !== stream).map(([s]) => s).sort();
  const before = (await jsm.streams.info(stream)).state.last_seq;
  const killedAt = Date.now();
  await cluster.node(leader).stop();
  const stored = (async () => {
    const newLeader = await cluster.streamLeader(stream);
    // A bucket's stream takes writes only from identity: a new institute puts a membership.
    if (stream === KV_STREAM) void p.signup(`Salon ${randomBytes(3).toString('hex')}`).catch(() => undefined);
    for (;;) {
      const last = await jsm.streams.info(stream).then((i) => i.state.last_seq, () => before);
      if (last > before) return { newLeader, publishGapMs: Date.now() - killedAt };
      if (Date.now() - killedAt > 60_000) throw new Error(`${stream} stored nothing within 60 s of its leader's death`);
      await sleep(50);
    }
  })();
  // Measured side by side from the kill: the platform's writes do not wait for the election.
  const [{ newLeader, publishGapMs }, written] = await Promise.all([stored, writeAgain(institute, killedAt)]);
  await cluster.node(leader).start();
  // Back in the cluster before anything else is killed: three nodes that agree on a meta leader.
  await cluster.ready();
  return { round, stream, leader, alsoLed, newLeader, publishGapMs, writeAgainMs: written.ms, notReady: written.notReady };
}

/** Kill → every service ready and a client write 201; and which services answered not ready meanwhile. */
async function writeAgain(institute: Institute, since: number): Promise<{ ms: number; notReady: string[] }> {
  const api = client(p.gateway, institute.ownerToken);
  const notReady = new Set<string>();
  for (;;) {
    const ready = await Promise.all(Object.values(p.processes).map((s) => fetch(`${s.url}/readyz`).then((r) => r.ok, () => false)));
    Object.values(p.processes).forEach((s, i) => (ready[i] ? undefined : notReady.add(s.name)));
    if (ready.every(Boolean)) {
      const res = await api.post(`/tenants/${institute.tenantId}/clients`, { name: `Herstel ${randomBytes(4).toString('hex')}` }).catch(() => undefined);
      if (res?.status === 201) return { ms: Date.now() - since, notReady: [...notReady].sort() };
    }
    if (Date.now() - since > 60_000) throw new Error('the platform did not write again within 60 s');
    await sleep(100);
  }
}
