import { randomBytes } from 'node:crypto';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  BUS_SERVICES, ClientCreated, IDENTITY_STREAM, MEMBERSHIPS_BUCKET, MembershipChanged, NATS_NAMESPACE, natsServerConfig, TENANT_DATA_STREAM, TenantCreated,
  type BusService,
} from '@homi/contracts';
import { startPrivateNatsServer, type PrivateNatsServer } from '@homi/testing';
import { connectNats, ensureConsumer, ensureStream } from '../src';

// The users generated from BUS_RIGHTS (ADR 37) on a nats-server of this file's own: what each
// service's credential may do on the bus is decided by the server.
const passwords = Object.fromEntries(BUS_SERVICES.map((s) => [s, randomBytes(18).toString('base64url')])) as Record<BusService, string>;
let server: PrivateNatsServer;
const open: NatsConnection[] = [];

interface As {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
}

async function as(service: BusService): Promise<As> {
  const nc = await connectNats({ url: server.url, name: `permissions-test-${service}`, credentials: { user: service, password: passwords[service] } });
  open.push(nc);
  return { nc, js: jetstream(nc, { timeout: 3000 }), jsm: await jetstreamManager(nc, { timeout: 3000 }) };
}

const consumerSpec = (durable: string, filterSubject: string) => ({ durable, filterSubject, maxDeliver: -1, ackWaitMs: 30_000 });
const body = (value: unknown) => JSON.stringify(value);

beforeAll(async () => {
  server = await startPrivateNatsServer({ config: natsServerConfig({ passwords, namespace: NATS_NAMESPACE }) });
});

afterAll(async () => {
  for (const nc of open) await nc.close().catch(() => undefined);
  await server?.dispose();
});

describe('per-service NATS users', () => {
  it('refuses a connection without credentials and one with a wrong password', async () => {
    await expect(connect({ servers: server.url, reconnect: false })).rejects.toThrow(/authoriz/i);
    await expect(connect({ servers: server.url, reconnect: false, user: 'identity', pass: 'not-the-password-at-all' })).rejects.toThrow(/authoriz/i);
  });

  it('signs in with the user and password a NATS_URL carries', async () => {
    const url = new URL(server.url);
    url.username = 'privacy';
    url.password = passwords.privacy;
    const nc = await connectNats({ url: url.toString(), name: 'permissions-test-url' });
    open.push(nc);
    const info = await (await jetstreamManager(nc)).getAccountInfo();
    expect(info.streams).toBeGreaterThanOrEqual(0);
  });

  it('lets a service publish its own events and refuses another service\'s subject', async () => {
    const identity = await as('identity');
    const tenantData = await as('tenant-data');
    await ensureStream(identity.jsm, IDENTITY_STREAM);
    await ensureStream(tenantData.jsm, TENANT_DATA_STREAM);

    const own = await tenantData.js.publish(ClientCreated.subject, body({ own: true }));
    expect(own.stream).toBe(TENANT_DATA_STREAM.name);

    // A forged membership change from tenant-data: the server refuses it, nothing reaches the stream.
    await expect(tenantData.js.publish(MembershipChanged.subject, body({ forged: true }))).rejects.toThrow(/permission/i);
    const info = await identity.jsm.streams.info(IDENTITY_STREAM.name, { subjects_filter: MembershipChanged.subject });
    expect(info.state.subjects?.[MembershipChanged.subject] ?? 0).toBe(0);
  });

  it('lets identity write the memberships bucket, and the gateway read it but not put into it', async () => {
    const identity = await as('identity');
    const gateway = await as('gateway');
    const written = await new Kvm(identity.nc).create(MEMBERSHIPS_BUCKET, { history: 5 });
    await written.put('usr_allowed.ten_allowed', body({ role: 'owner' }));

    const read = await new Kvm(gateway.nc).open(MEMBERSHIPS_BUCKET);
    expect((await read.get('usr_allowed.ten_allowed'))?.json()).toEqual({ role: 'owner' });
    // The gateway granting itself owner rights: refused at the server.
    await expect(read.put('usr_forged.ten_allowed', body({ role: 'owner' }))).rejects.toThrow(/permission/i);
    expect(await read.get('usr_forged.ten_allowed')).toBeNull();
    // Nor may another service put into it, through the KV client or on the bucket's subject directly.
    const tenantData = await as('tenant-data');
    const foreign = await new Kvm(tenantData.nc).open(MEMBERSHIPS_BUCKET);
    await expect(foreign.put('usr_forged.ten_allowed', body({ role: 'owner' }))).rejects.toThrow(/permission/i);
    await expect(tenantData.js.publish(`$KV.${MEMBERSHIPS_BUCKET}.usr_forged.ten_allowed`, body({ role: 'owner' }))).rejects.toThrow(/permission/i);
    expect(await read.get('usr_forged.ten_allowed')).toBeNull();
  });

  it('lets a service use its own durable and refuses one bound to another service\'s durable', async () => {
    const identity = await as('identity');
    const tenantData = await as('tenant-data');
    await ensureStream(identity.jsm, IDENTITY_STREAM);
    await ensureConsumer(identity.jsm, IDENTITY_STREAM.name, consumerSpec('identity-kv-projection', IDENTITY_STREAM.subjects[0] ?? ''));
    await identity.js.publish(TenantCreated.subject, body({ tenant: 1 }));

    // Its own durable: created, and it reads the message.
    await ensureConsumer(tenantData.jsm, IDENTITY_STREAM.name, consumerSpec('tenant-data-tenant-created-v2', TenantCreated.subject));
    const mine = await tenantData.js.consumers.get(IDENTITY_STREAM.name, 'tenant-data-tenant-created-v2');
    const msg = await mine.next({ expires: 2000 });
    expect(msg?.subject).toBe(TenantCreated.subject);
    msg?.ack();

    // identity's durable: neither looked up, nor pulled from, nor created anew under tenant-data's credential.
    await expect(tenantData.js.consumers.get(IDENTITY_STREAM.name, 'identity-kv-projection')).rejects.toThrow(/permission/i);
    await expect(tenantData.jsm.consumers.info(IDENTITY_STREAM.name, 'identity-kv-projection')).rejects.toThrow(/permission/i);
    await expect(ensureConsumer(tenantData.jsm, IDENTITY_STREAM.name, consumerSpec('identity-support-refusals', TenantCreated.subject))).rejects.toThrow(/permission/i);
    // identity still finds its message unread: tenant-data took nothing from its durable.
    const theirs = await identity.js.consumers.get(IDENTITY_STREAM.name, 'identity-kv-projection');
    expect((await theirs.info()).num_pending).toBe(1);
  });

  it('refuses a stream deletion to every service', async () => {
    const privacy = await as('privacy');
    await expect(privacy.jsm.streams.delete(IDENTITY_STREAM.name)).rejects.toThrow(/permission/i);
  });
});
