import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { MEMBERSHIPS_BUCKET, membershipKey } from '@homi/contracts';
import { createLogger, newId } from '@homi/service-kit';
import { NatsMembershipStore } from '../src/infrastructure/membership-store';
import { membership } from './support/fakes';
import { eventually, NATS_URL } from './support/harness';
import { startPrivateNatsServer, type PrivateNatsServer } from '@homi/testing';

const logger = createLogger({ service: 'gateway', level: 'silent' });
const bucketName = () => `homi_gw_store_${randomBytes(6).toString('hex')}`;
const natsOptions = { maxReconnectAttempts: -1, reconnectTimeWait: 100 };

describe('memberships from the KV bucket', () => {
  let nc: NatsConnection;
  let writer: NatsConnection;
  let store: NatsMembershipStore | undefined;
  let bucket: KV;
  let name: string;

  beforeEach(async () => {
    nc = await connect({ servers: NATS_URL, ...natsOptions });
    writer = await connect({ servers: NATS_URL });
    name = bucketName();
  });
  afterEach(async () => {
    await store?.stop();
    store = undefined;
    // By name: the store may have created the bucket before a failing test got hold of it.
    await (await new Kvm(writer).open(name)).destroy().catch(() => undefined);
    await nc.drain();
    await writer.drain();
  });

  /** What happens when the server holding the watch's consumer dies: the consumer is gone. */
  const deleteWatchConsumers = async () => {
    const jsm = await jetstreamManager(writer);
    for await (const consumer of jsm.consumers.list(`KV_${name}`)) await jsm.consumers.delete(`KV_${name}`, consumer.name);
  };

  it('creates the bucket when missing and serves what is written to it', async () => {
    store = await NatsMembershipStore.open(nc, { logger, bucket: name });
    await store.whenLoaded();
    await expect(store.assertLive()).resolves.toBeUndefined();
    bucket = await new Kvm(writer).open(name);
    const m = membership(newId('usr'), newId('ten'), { clients: 'view' });
    await bucket.put(membershipKey(m.userId, m.tenantId), JSON.stringify(m));
    await eventually(async () => expect(await store!.get(m.userId, m.tenantId)).toEqual(m));
  });

  it('loads every existing membership before it calls itself loaded', async () => {
    bucket = await new Kvm(writer).create(name, { history: 1 });
    const written = Array.from({ length: 25 }, () => membership(newId('usr'), newId('ten'), { agenda: 'edit' }));
    for (const m of written) await bucket.put(membershipKey(m.userId, m.tenantId), JSON.stringify(m));
    await bucket.delete(membershipKey(written[0]!.userId, written[0]!.tenantId));
    store = await NatsMembershipStore.open(nc, { logger, bucket: name });
    await store.whenLoaded();
    expect(await store.get(written[0]!.userId, written[0]!.tenantId)).toBeUndefined();
    for (const m of written.slice(1)) expect(await store.get(m.userId, m.tenantId)).toEqual(m);
  });

  it('restarts its watch when the consumer behind it disappears', async () => {
    store = await NatsMembershipStore.open(nc, { logger, bucket: name, checkIntervalMs: 200 });
    await store.whenLoaded();
    bucket = await new Kvm(writer).open(name);
    await deleteWatchConsumers();
    const m = membership(newId('usr'), newId('ten'), { clients: 'edit' });
    await bucket.put(membershipKey(m.userId, m.tenantId), JSON.stringify(m));
    // ofUser reads the map only (get would also ask the bucket): the restarted watch brought it.
    await eventually(async () => expect(await store!.ofUser(m.userId)).toEqual([m]), 3_000);
  });

  it('finds a membership its watch has not brought yet (the consumer gone, no restart due) by asking the bucket', async () => {
    store = await NatsMembershipStore.open(nc, { logger, bucket: name, checkIntervalMs: 60_000, probeIntervalMs: 60_000 });
    await store.whenLoaded();
    bucket = await new Kvm(writer).open(name);
    await deleteWatchConsumers();
    const m = membership(newId('usr'), newId('ten'), { clients: 'view' });
    await bucket.put(membershipKey(m.userId, m.tenantId), JSON.stringify(m));
    expect(await store.get(m.userId, m.tenantId)).toEqual(m);
    expect(await store.ofUser(m.userId)).toEqual([]);
    await bucket.delete(membershipKey(m.userId, m.tenantId));
    // The map still holds nothing for it, and the bucket says it is gone.
    expect(await store.get(m.userId, m.tenantId)).toBeUndefined();
  });

  it('refuses keys that could address another entry', async () => {
    store = await NatsMembershipStore.open(nc, { logger, bucket: name });
    bucket = await new Kvm(writer).open(name);
    const m = membership(newId('usr'), newId('ten'), {}, 'owner');
    await bucket.put(membershipKey(m.userId, m.tenantId), JSON.stringify(m));
    await eventually(async () => expect(await store!.get(m.userId, m.tenantId)).toBeDefined());
    expect(await store.get(`${m.userId}.${m.tenantId}`, '*')).toBeUndefined();
    expect(await store.get('>', m.tenantId)).toBeUndefined();
  });
});

describe('memberships across a NATS outage', () => {
  let nats: PrivateNatsServer;

  beforeAll(async () => {
    nats = await startPrivateNatsServer();
  });
  afterAll(() => nats.dispose());

  it('keeps serving during the outage and follows changes again once NATS is back', async () => {
    const nc = await connect({ servers: nats.url, ...natsOptions });
    const store = await NatsMembershipStore.open(nc, { logger, bucket: MEMBERSHIPS_BUCKET, checkIntervalMs: 500, retryDelayMs: 100 });
    await store.whenLoaded();
    const writer = await connect({ servers: nats.url, ...natsOptions });
    const bucket = await new Kvm(writer).open(MEMBERSHIPS_BUCKET);
    const m = membership(newId('usr'), newId('ten'), { clients: 'view' });
    await bucket.put(membershipKey(m.userId, m.tenantId), JSON.stringify(m));
    // ofUser reads the map only: get would also answer from the bucket before the watch brought the
    // entry, and what the outage is to keep serving is what the watch brought.
    await eventually(async () => expect((await store.ofUser(m.userId))[0]?.permissions.clients).toBe('view'));

    await nats.stop();
    expect((await store.get(m.userId, m.tenantId))?.permissions.clients).toBe('view');
    await nats.start();
    await eventually(async () => {
      await bucket.put(membershipKey(m.userId, m.tenantId), JSON.stringify({ ...m, permissions: { ...m.permissions, clients: 'edit' } }));
    }, 10_000, 200);
    await eventually(async () => expect((await store.get(m.userId, m.tenantId))?.permissions.clients).toBe('edit'), 10_000, 100);
    await store.stop();
    await writer.close();
    await nc.close();
  }, 30_000);
});
