import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { defineContract } from '@homi/contracts';
import { startNatsCluster, type NatsCluster } from '@homi/testing';
import { z } from 'zod';
import { connectNats, ensureBucketReplicas, ensureStream, natsReplicas, publish } from '../src';

// ADR 57: streams and buckets with three copies on a three-node cluster, and publishes that go on
// through the election of a new stream leader with their msgID (nothing lost, nothing doubled).

const Tick = defineContract('cluster.tick.v1', 1, z.object({ n: z.number().int() }));
let cluster: NatsCluster;
let nc: NatsConnection;
let js: JetStreamClient;
let jsm: JetStreamManager;

beforeAll(async () => {
  cluster = await startNatsCluster();
  nc = await connectNats({ url: cluster.url, name: 'cluster-test', reconnectTimeWaitMs: 100 });
  js = jetstream(nc);
  jsm = await jetstreamManager(nc);
}, 60_000);

afterAll(async () => {
  await nc?.close();
  await cluster?.dispose();
}, 30_000);

describe('replicas', () => {
  it('reads NATS_REPLICAS, 1 when unset, and refuses anything but 1 to 5', () => {
    expect(natsReplicas({})).toBe(1);
    expect(natsReplicas({ NATS_REPLICAS: '3' })).toBe(3);
    expect(() => natsReplicas({ NATS_REPLICAS: '0' })).toThrow(/1 to 5/);
    expect(() => natsReplicas({ NATS_REPLICAS: 'three' })).toThrow(/1 to 5/);
  });

  it('creates a stream with three copies and scales an existing one-copy stream to three', async () => {
    const made = await ensureStream(jsm, { name: 'CL_MADE', subjects: ['cl.made.>'], replicas: 3 });
    expect(made.config.num_replicas).toBe(3);
    await ensureStream(jsm, { name: 'CL_SCALED', subjects: ['cl.scaled.>'], replicas: 1 });
    const scaled = await ensureStream(jsm, { name: 'CL_SCALED', subjects: ['cl.scaled.>'], replicas: 3 });
    expect(scaled.config.num_replicas).toBe(3);
    // The scaled stream settles with a leader and two current replicas, one copy on each server.
    const all = cluster.nodes.map((n) => n.name).sort().join();
    let peers = '';
    for (const deadline = Date.now() + 15_000; peers !== all && Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      const c = (await jsm.streams.info('CL_SCALED')).cluster;
      const current = (c?.replicas ?? []).filter((r) => r.current).map((r) => r.name);
      peers = [c?.leader, ...current].sort().join();
    }
    expect(peers).toBe(all);
  }, 30_000);

  it("scales a bucket's stream to the configured copies", async () => {
    await new Kvm(nc).create('cl_bucket', { history: 1, replicas: 1 });
    await ensureBucketReplicas(jsm, 'cl_bucket', 3);
    expect((await jsm.streams.info('KV_cl_bucket')).config.num_replicas).toBe(3);
  }, 30_000);
});

describe('a stream leader SIGKILLed under publishing', () => {
  it('stores every publish exactly once, retried with its msgID through the election', async () => {
    const info = await ensureStream(jsm, { name: 'CL_TICKS', subjects: [Tick.subject], replicas: 3 });
    expect(info.config.num_replicas).toBe(3);
    const leader = cluster.node(await cluster.streamLeader('CL_TICKS'));
    let n = 0;
    let killedAt = 0;
    let firstAfterKill = 0;
    const total = 400;
    const publishing = (async () => {
      for (; n < total; n++) {
        await publish(js, Tick, { n }, { msgId: `tick-${n}`, timeoutMs: 1_000, retryForMs: 30_000 });
        if (killedAt && !firstAfterKill) firstAfterKill = Date.now();
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    while (n < 50) await new Promise((r) => setTimeout(r, 20));
    const killedAtMessage = n;
    killedAt = Date.now();
    await leader.stop();
    await publishing;
    const newLeader = await cluster.streamLeader('CL_TICKS');
    await leader.start();
    process.stdout.write(`leader ${leader.name} killed at message ${killedAtMessage} of ${total}; new leader ${newLeader}; publishes failed for ${firstAfterKill - killedAt} ms\n`);

    expect(newLeader).not.toBe(leader.name);
    const state = (await jsm.streams.info('CL_TICKS')).state;
    expect([state.messages, state.last_seq]).toEqual([total, total]);
    const seen = new Set<number>();
    for (let seq = 1; seq <= total; seq++) seen.add(((await jsm.streams.getMessage('CL_TICKS', { seq }))!.json() as { n: number }).n);
    expect(seen.size).toBe(total);
  }, 90_000);
});
