import request from 'supertest';
import type { Server } from 'node:http';
import { AckPolicy, DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/nats-core';
import {
  AUDIT_STREAM, fullPermissions, HELPDESK_STREAM, IDENTITY_STREAM, natsName, noPermissions, SupportAccessRefused, TenantActionPerformed, TicketStatusChanged, type Permissions, type Role,
} from '@homi/contracts';
import { connectNats, ensureStream } from '@homi/messaging';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CALLER_HEADER, createLogger, devServiceKeys, generateServiceKey, inTenantTransaction, parseSigningKey, signCaller } from '@homi/service-kit';
import { spawnDevIssuer, type SpawnedDevIssuer } from '@homi/dev-issuer';
import { mailCatcherClient, startMailCatcher, type MailCatcher, type MailCatcherClient } from '@homi/mail-catcher';
import { capturedLog, listenLocally, ownedTestDatabase, testInfra } from '@homi/testing';
import { buildService, stopService, type IdentityService, type ServiceOverrides } from '../src/service';
import { readConfig } from '../src/config';
import { TENANT_ROLE } from '../src/infrastructure/migrations/0001-initial';
import { InMemoryTicketDirectory } from '../src/application/in-memory';

/** The gateway's development keys: what the tests sign caller contexts with, as the gateway would (ADR 38). */
export const GATEWAY = devServiceKeys('gateway');
/** Someone claiming to be the gateway, with the gateway's kid but a key of their own. */
export const FORGED_GATEWAY = { service: 'gateway', signing: parseSigningKey(JSON.stringify(generateServiceKey(GATEWAY.signing.kid).privateJwk)) };
/** The caller context the gateway would send identity for this request (or `keys` would, claiming to be the gateway). */
export const callerHeader = (caller: Caller, method: string, path: string, keys: Pick<typeof GATEWAY, 'service' | 'signing'> = GATEWAY) =>
  signCaller(caller, keys, { audience: 'identity', method: method.toUpperCase(), path });

export interface Harness {
  service: IdentityService;
  server: Server;
  issuer: SpawnedDevIssuer;
  databaseUrl: string;
  logLines: string[];
  nc: NatsConnection;
  memberships: KV;
  users: KV;
  grants: KV;
  /** Names of this run's own consumers, for tests that restart the service on the same database. */
  config: ReturnType<typeof readConfig>;
  /** The SMTP catcher identity sends to, and its JSON API (read over HTTP like a mailbox). */
  catcher: MailCatcher;
  mail: MailCatcherClient;
  /** The helpdesk's tickets as identity asks for them (ADR 43), unless the test gave its own directory. */
  tickets: InMemoryTicketDirectory;
  stop(): Promise<void>;
}

/**
 * identity in-process on a real socket with a fresh database, KV buckets of its own, its own
 * projection consumer (starting at new messages), and a spawned development issuer.
 */
export async function startIdentity(overrides: ServiceOverrides = {}, issuer?: SpawnedDevIssuer): Promise<Harness> {
  const infra = await testInfra();
  const catcher = await startMailCatcher();
  // Sign-up's verification mail goes through the issuer's Admin API to this catcher too (ADR 51).
  const ownIssuer = issuer ?? (await spawnDevIssuer({ smtpUrl: catcher.smtpUrl }));
  const db = await ownedTestDatabase('homi_id_test', [TENANT_ROLE]);
  const databaseUrl = db.url;
  const log = capturedLog();
  const logger = createLogger({ service: 'identity', level: 'info', destination: log.destination });
  // The owner role is named as its database is.
  const suffix = db.role.slice(-13);
  const consumer = `identity-kv-test-${suffix}`;
  const auditConsumer = `identity-audit-test-${suffix}`;
  const refusalsConsumer = `identity-refusals-test-${suffix}`;
  const ticketsConsumer = `identity-tickets-test-${suffix}`;
  const nc = await connectNats({ url: infra.natsUrl, name: 'identity-test' });
  await precreateConsumer(nc, consumer);
  await precreateAuditConsumer(nc, auditConsumer, TenantActionPerformed.subject);
  await precreateAuditConsumer(nc, refusalsConsumer, SupportAccessRefused.subject);
  await precreateTicketConsumer(nc, ticketsConsumer);
  const config = readConfig({
    IDENTITY_DATABASE_URL: databaseUrl,
    NATS_URL: infra.natsUrl,
    NODE_ENV: 'test',
    DEV_ISSUER_URL: ownIssuer.url,
    DEV_ISSUER_ADMIN_SECRET: ownIssuer.adminSecret,
    MEMBERSHIPS_BUCKET: `identity_test_memberships_${suffix}`,
    USERS_BUCKET: `identity_test_users_${suffix}`,
    KV_PROJECTION_CONSUMER: consumer,
    SUPPORT_GRANTS_BUCKET: `identity_test_grants_${suffix}`,
    AUDIT_LOG_CONSUMER: auditConsumer,
    SUPPORT_REFUSALS_CONSUMER: refusalsConsumer,
    TICKET_CLOSURES_CONSUMER: ticketsConsumer,
    // Tests run the expiry job themselves, with a moved clock.
    SUPPORT_EXPIRY_INTERVAL_MS: '3600000',
    // privacy-kit's consumer has one fixed name on the shared NATS; data-owner.test.ts calls the owner directly.
    PRIVACY_DATA_OWNER: 'false',
    SMTP_URL: catcher.smtpUrl,
  });
  const tickets = new InMemoryTicketDirectory();
  const service = await buildService(config, logger, { tickets, ...overrides });
  const server = await listenLocally(service.http.app);
  const kvm = new Kvm(nc);
  const memberships = await kvm.open(config.MEMBERSHIPS_BUCKET);
  const users = await kvm.open(config.USERS_BUCKET);
  const grants = await kvm.open(config.SUPPORT_GRANTS_BUCKET);
  return {
    service, server, issuer: ownIssuer, databaseUrl, logLines: log.lines, nc, memberships, users, grants, config, catcher, mail: mailCatcherClient(catcher.url), tickets,
    async stop() {
      await stopService(service, server);
      const jsm = await jetstream(nc).jetstreamManager();
      await jsm.consumers.delete(IDENTITY_STREAM.name, consumer).catch(() => undefined);
      await jsm.consumers.delete(AUDIT_STREAM.name, auditConsumer).catch(() => undefined);
      await jsm.consumers.delete(AUDIT_STREAM.name, refusalsConsumer).catch(() => undefined);
      await jsm.consumers.delete(HELPDESK_STREAM.name, ticketsConsumer).catch(() => undefined);
      await grants.destroy().catch(() => undefined);
      await memberships.destroy().catch(() => undefined);
      await users.destroy().catch(() => undefined);
      await nc.close();
      if (!issuer) await ownIssuer.stop();
      await catcher.stop();
      await db.drop();
    },
  };
}

/** The stream is shared by every test run: a test's consumer starts at new messages, not at history. */
async function precreateConsumer(nc: NatsConnection, durable: string): Promise<void> {
  const jsm = await jetstream(nc).jetstreamManager();
  await ensureStream(jsm, { name: IDENTITY_STREAM.name, subjects: [...IDENTITY_STREAM.subjects] });
  await jsm.consumers.add(IDENTITY_STREAM.name, {
    durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.New,
    filter_subject: natsName.subject('identity.>'), max_deliver: -1, ack_wait: 30_000_000_000,
  });
}

/** The helpdesk's stream is shared too: this run's closure consumer starts at new messages. */
async function precreateTicketConsumer(nc: NatsConnection, durable: string): Promise<void> {
  const jsm = await jetstream(nc).jetstreamManager();
  await ensureStream(jsm, { name: HELPDESK_STREAM.name, subjects: [...HELPDESK_STREAM.subjects], maxAgeMs: HELPDESK_STREAM.maxAgeMs });
  await jsm.consumers.add(HELPDESK_STREAM.name, {
    durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.New,
    filter_subject: TicketStatusChanged.subject, max_deliver: -1, ack_wait: 30_000_000_000,
  });
}

/** The gateway's audit stream is shared too: this run's audit consumers also start at new messages. */
async function precreateAuditConsumer(nc: NatsConnection, durable: string, subject: string): Promise<void> {
  const jsm = await jetstream(nc).jetstreamManager();
  await ensureStream(jsm, { name: AUDIT_STREAM.name, subjects: [...AUDIT_STREAM.subjects], maxAgeMs: AUDIT_STREAM.maxAgeMs });
  await jsm.consumers.add(AUDIT_STREAM.name, {
    durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.New,
    filter_subject: subject, max_deliver: -1, ack_wait: 30_000_000_000,
  });
}

export interface Caller {
  userId: string;
  realmRoles?: string[];
  tenantId?: string;
  role?: Role;
  permissions?: Permissions;
  support?: { requestId: string };
}

export const ownerOf = (userId: string, tenantId: string): Caller => ({ userId, tenantId, role: 'owner', permissions: fullPermissions() });
export const memberOf = (userId: string, tenantId: string, role: Role, grants: Partial<Permissions> = {}): Caller => ({
  userId, tenantId, role, permissions: { ...(role === 'staff' ? noPermissions() : fullPermissions()), ...grants },
});

/** An HTTP client that calls as `caller`, with the gateway's caller context for identity and each request. */
export function as(h: Pick<Harness, 'server'>, caller: Caller) {
  return {
    get: (path: string) => request(h.server).get(path).set(CALLER_HEADER, callerHeader(caller, 'GET', path)),
    post: (path: string, body?: unknown) => request(h.server).post(path).set(CALLER_HEADER, callerHeader(caller, 'POST', path)).send(body as object),
    patch: (path: string, body?: unknown) => request(h.server).patch(path).set(CALLER_HEADER, callerHeader(caller, 'PATCH', path)).send(body as object),
    delete: (path: string) => request(h.server).delete(path).set(CALLER_HEADER, callerHeader(caller, 'DELETE', path)),
  };
}

export const publicApi = (h: Pick<Harness, 'server'>) => request(h.server);

/** Polls a KV key until `accept` holds; returns the value and how long it took. */
export async function waitForKv<T>(kv: KV, key: string, accept: (value: T | undefined) => boolean, timeoutMs = 3000) {
  const started = Date.now();
  for (;;) {
    const entry = await kv.get(key);
    const value = entry && entry.operation === 'PUT' ? (entry.json() as T) : undefined;
    if (accept(value)) return { value, ms: Date.now() - started };
    if (Date.now() - started > timeoutMs) throw new Error(`KV ${key} did not reach the expected state within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A transaction of one tenant as the use cases' forTenant opens it (tenant role, filter, `app.tenant_id`), for raw-SQL checks of row-level security. */
export function inTenant<T>(h: Harness, tenantId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return inTenantTransaction(h.service.orm, tenantId, TENANT_ROLE, work);
}
