import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { connectNats } from '@homi/messaging';
import { createLogger } from '@homi/service-kit';
import { startNatsCluster, type NatsCluster } from '@homi/testing';
import { WatchedKvMap } from '../src/infrastructure/watched-kv-map';

// ADR 57, issue 19 item 1: a watched bucket with three copies whose stream leader is SIGKILLed. The
// watch's consumer lives on the dead server; the map must be delivering again, and call itself live,
// soon after the bucket's new leader is elected, lose no put and log the outage once.

const HOT_KEYS = 3;
let cluster: NatsCluster;
let writer: NatsConnection;

beforeAll(async () => {
  cluster = await startNatsCluster();
  writer = await connectNats({ url: cluster.url, name: 'writer', reconnectTimeWaitMs: 100 });
}, 60_000);

afterAll(async () => {
  await writer?.close();
  await cluster?.dispose();
}, 30_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A put retried until acknowledged (a try whose ack was lost may store it twice: same value, later revision). */
async function putUntilStored(bucket: KV, key: string, value: unknown): Promise<void> {
  for (;;) {
    try {
      await bucket.put(key, JSON.stringify(value), { timeout: 1_000 });
      return;
    } catch {
      await sleep(100);
    }
  }
}

async function retried<T>(action: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (err) {
      if (attempt >= 10) throw err;
      await sleep(500);
    }
  }
}

describe('a watched bucket whose stream leader is SIGKILLed', () => {
  it.each([
    ['on another server (nothing tells it the leader died)', 'other'],
    ['on the dead leader (it reconnects)', 'leader'],
  ] as const)('delivers again soon after the election, loses no put and logs the outage once: watching %s', async (_, connectedTo) => {
    const BUCKET = `homi_gw_cluster_watch_${connectedTo}`;
    await cluster.ready();
    const bucket = await retried(() => new Kvm(writer).create(BUCKET, { history: 1, replicas: 3 }));
    const jsm = await jetstreamManager(writer);
    const consumers = async () => {
      const found = [];
      for await (const c of jsm.consumers.list(`KV_${BUCKET}`)) found.push(c);
      return found;
    };
    for (let i = 0; i < 20; i++) await bucket.put(`pre${i}`, JSON.stringify({ n: -1 - i }));
    const oldLeader = await cluster.streamLeader(`KV_${BUCKET}`);
    const server = cluster.nodes.find((n) => (connectedTo === 'leader') === (n.name === oldLeader))!;
    // As the gateway connects (connectNats: reconnecting forever, 1 s apart), to the chosen server first.
    const nc = await connect({ servers: [server.url, ...cluster.nodes.filter((n) => n !== server).map((n) => n.url)], noRandomize: true, maxReconnectAttempts: -1, reconnectTimeWait: 1_000, name: 'gateway-watch' });

    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ service: 'gateway', level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
    const seen: { key: string; n: number; at: number }[] = [];
    const open = () =>
      WatchedKvMap.open<{ n: number }>(nc, {
        bucket: BUCKET,
        noun: 'test entry',
        logger,
        decode: (key, value) => {
          const n = (value as { n?: unknown } | undefined)?.n;
          if (typeof n !== 'number') return undefined;
          seen.push({ key, n, at: Date.now() });
          return { n };
        },
      });
    // The watch's consumer has one copy, placed by the server: opened again until it sits on the
    // leader, so that the kill takes it (the chaos run's case).
    let map = await open();
    for (let attempt = 0; ; attempt++) {
      await map.whenLoaded();
      const host = (await consumers())[0]?.cluster?.leader;
      if (host === oldLeader) break;
      if (attempt > 15) throw new Error(`the watch's consumer never landed on ${oldLeader}: ${JSON.stringify((await consumers()).map((c) => [c.name, c.cluster]))}`);
      await map.stop();
      for (const c of await consumers()) await jsm.consumers.delete(`KV_${BUCKET}`, c.name);
      map = await open();
    }
    seen.length = 0;
    lines.length = 0;
    try {

      // One writer, one put after another: `u<n>` once each, and `hot<n % 3>` after it.
      let n = 0;
      let writing = true;
      const acked: number[] = [];
      const ackedAt: number[] = [];
      const writes = (async () => {
        for (; writing; n++) {
          await putUntilStored(bucket, `u${n}`, { n });
          await putUntilStored(bucket, `hot${n % HOT_KEYS}`, { n });
          acked.push(n);
          ackedAt.push(Date.now());
          await sleep(20);
        }
      })();
      while (acked.length < 20) await sleep(20);

      expect(await cluster.streamLeader(`KV_${BUCKET}`)).toBe(oldLeader);
      // The put in flight at the kill may be stored before it: delivering again means a later one.
      const inFlightAtKill = n;
      const killedAt = Date.now();
      await cluster.node(oldLeader).stop();

      // The election: until a running node names a leader for the bucket's stream.
      const newLeader = await cluster.streamLeader(`KV_${BUCKET}`, 30_000);
      const electedAt = Date.now();
      // Delivering again: the watch sees a put acknowledged after the kill.
      let deliveringAt = 0;
      let liveAt = 0;
      let notLiveFor = 0;
      for (const deadline = Date.now() + 45_000; (!deliveringAt || !liveAt) && Date.now() < deadline; await sleep(25)) {
        const firstAfter = seen.find((s) => s.key.startsWith('u') && s.n > inFlightAtKill);
        if (!deliveringAt && firstAfter) deliveringAt = firstAfter.at;
        const live = await map.assertLive().then(() => true, () => false);
        if (!live) notLiveFor++;
        if (live && deliveringAt && !liveAt) liveAt = Date.now();
      }
      await cluster.node(oldLeader).start();
      writing = false;
      await writes;
      const lastAcked = acked.at(-1)!;
      // Every acknowledged put reaches the map.
      for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(50)) {
        if (map.watched(`u${lastAcked}`)?.n === lastAcked) break;
      }

      const rel = (t: number) => (t ? t - killedAt : NaN);
      const writerBackAt = ackedAt[acked.findIndex((a) => a > inFlightAtKill)] ?? 0;
      process.stdout.write(
        `watching on ${server.name}: leader ${oldLeader} killed; new leader ${newLeader} after ${electedAt - killedAt} ms; ` +
          `watch delivering again ${rel(deliveringAt)} ms after the kill (${deliveringAt - electedAt} ms after the election); ` +
          `live ${rel(liveAt)} ms after the kill; writer's first put acked ${rel(writerBackAt)} ms after the kill; not live in ${notLiveFor} probes; puts ${lastAcked + 1}\n` +
          lines.filter((l) => l.level !== 'debug').map((l) => `  log ${l.level}: ${String(l.msg)} ${String(l.reason ?? '')}`).join('\n') + '\n',
      );

      expect(newLeader).not.toBe(oldLeader);
      // No put lost: each `u<n>` acknowledged is in the map (as the watch brought it, not read through
      // from the bucket); each hot key holds its last value.
      for (const a of acked) expect(map.watched(`u${a}`)).toEqual({ n: a });
      for (let k = 0; k < HOT_KEYS; k++) {
        const last = Math.max(...acked.filter((a) => a % HOT_KEYS === k));
        expect(map.watched(`hot${k}`)).toEqual({ n: last });
      }
      // In order: after the first load the watch never hands a key an older value than it had.
      const newest = new Map<string, number>();
      for (const s of seen.filter((s) => s.n >= 0)) {
        expect(s.n).toBeGreaterThanOrEqual(newest.get(s.key) ?? -1);
        newest.set(s.key, s.n);
      }
      // Delivering and live again soon after the election. A restart attempt in flight when the leader
      // appears may take its request timeout (1.5 s) to fail, then a 0.25 s pause and two requests;
      // measured 0.2–6.7 s over five runs on two shared cores (the tail not explained yet), 13.8 s
      // before the fix (the 10 s "fell behind" check): 8 s is behaviour, not a benchmark.
      expect(deliveringAt - electedAt).toBeLessThanOrEqual(8_000);
      expect(liveAt - electedAt).toBeLessThanOrEqual(8_000);
      // One line for the outage, one for the recovery: not one per retry.
      const outageLines = lines.filter((l) => l.level === 'warn' || l.level === 'info').filter((l) => /watch|bucket/.test(String(l.msg)) && !/loaded/.test(String(l.msg)));
      expect(outageLines.length).toBeLessThanOrEqual(2);
    } finally {
      await map.stop();
      await nc.close();
    }
  }, 120_000);
});
