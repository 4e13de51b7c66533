import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  AUDIT_STREAM, CURRENT_STATEMENT_KEY, membershipKey, SupportAccessRefused, TenantActionPerformed, type Contract,
  type CurrentStatement, type Membership, type SupportGrant, type UserAccess,
} from '@homi/contracts';
import type { AuditTrail, RefusalTrail } from '../../src/application/ports';
import { createLogger } from '@homi/service-kit';
import { capturedLog, listenLocally } from '@homi/testing';
import { readConfig } from '../../src/config';
import { buildGateway, stopGateway, type Gateway } from '../../src/service';
import { startTestIssuer, type TestIssuer } from './issuer';
import { startEchoUpstream, type EchoUpstream } from './upstream';

export const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

export interface HarnessOptions {
  rateLimitPerMinute?: number;
  signupRateLimitPerHour?: number;
  upstreamTimeoutMs?: number;
  /** Replaces the gateway's AUDIT publisher. */
  audit?: AuditTrail;
  /** Replaces the publisher of refused support calls. */
  refusals?: RefusalTrail;
  /** SUPPORT_REFUSAL_WINDOW_SECONDS (default 10). */
  refusalWindowSeconds?: number;
  /** Trusts this issuer (e.g. a spawned development issuer) instead of the harness's own test issuer. */
  oidcIssuerUrl?: string;
}

export interface Harness {
  /** `http://127.0.0.1:{port}` of the running gateway. */
  url: string;
  gateway: Gateway;
  server: Server;
  issuer: TestIssuer;
  /** Stands in for tenant-data. */
  upstream: EchoUpstream;
  /** Stands in for identity. */
  identity: EchoUpstream;
  /** Stands in for privacy. */
  privacy: EchoUpstream;
  /** Stands in for the billing integration. */
  billing: EchoUpstream;
  /** Stands in for the helpdesk. */
  helpdesk: EchoUpstream;
  logLines: string[];
  bucket: KV;
  bucketName: string;
  usersBucket: KV;
  usersBucketName: string;
  grantsBucket: KV;
  grantsBucketName: string;
  putGrant(grant: SupportGrant): Promise<void>;
  deleteGrant(requestId: string): Promise<void>;
  /** The AUDIT stream's last sequence now: pass it to auditEvents to see what came after. */
  auditSequence(): Promise<number>;
  /** The audit events stored after `afterSequence`, parsed with the contract. */
  auditEvents(afterSequence: number): Promise<TenantActionPerformed[]>;
  /** The refused support calls stored after `afterSequence`, parsed with the contract. */
  refusalEvents(afterSequence: number): Promise<SupportAccessRefused[]>;
  putMembership(membership: Membership): Promise<void>;
  deleteMembership(userId: string, tenantId: string): Promise<void>;
  putUserAccess(access: UserAccess): Promise<void>;
  /** Publishes `statement` as the current one, or removes it (no statement in force). */
  setStatement(statement: CurrentStatement | undefined): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The gateway in-process on a real socket, wired exactly as main.ts wires it: real NATS with a KV
 * bucket of its own (deleted afterwards), a real OIDC issuer and a real upstream HTTP server.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const issuer = await startTestIssuer();
  const upstream = await startEchoUpstream();
  const identity = await startEchoUpstream();
  const privacy = await startEchoUpstream();
  const billing = await startEchoUpstream();
  const helpdesk = await startEchoUpstream();
  const suffix = randomBytes(6).toString('hex');
  const bucketName = `homi_gw_test_${suffix}`;
  const usersBucketName = `homi_gw_users_test_${suffix}`;
  const grantsBucketName = `homi_gw_grants_test_${suffix}`;
  const log = capturedLog();
  const logger = createLogger({ service: 'gateway', level: 'debug', destination: log.destination });
  const config = readConfig({
    NODE_ENV: 'test',
    NATS_URL,
    OIDC_ISSUER_URL: options.oidcIssuerUrl ?? issuer.issuer,
    TENANT_DATA_URL: upstream.url,
    IDENTITY_URL: identity.url,
    PRIVACY_URL: privacy.url,
    BILLING_INTEGRATION_URL: billing.url,
    HELPDESK_URL: helpdesk.url,
    MEMBERSHIPS_BUCKET: bucketName,
    USERS_BUCKET: usersBucketName,
    SUPPORT_GRANTS_BUCKET: grantsBucketName,
    RATE_LIMIT_PER_MINUTE: String(options.rateLimitPerMinute ?? 100_000),
    SIGNUP_RATE_LIMIT_PER_HOUR: String(options.signupRateLimitPerHour ?? 100_000),
    ...(options.refusalWindowSeconds ? { SUPPORT_REFUSAL_WINDOW_SECONDS: String(options.refusalWindowSeconds) } : {}),
  });
  const gateway = await buildGateway(config, logger, {
    watchCheckIntervalMs: 1_000, upstreamTimeoutMs: options.upstreamTimeoutMs, audit: options.audit, refusals: options.refusals,
  });
  const server = await listenWhenLoaded(gateway);

  const nc: NatsConnection = await connect({ servers: NATS_URL });
  const bucket = await new Kvm(nc).open(bucketName);
  const usersBucket = await new Kvm(nc).open(usersBucketName);
  // Everyone a token is minted for is a user identity knows (active, nothing accepted), as every real
  // account is, unless the test wrote their entry first or asked for an unknown one (`unknownUser`).
  const mint = issuer.token.bind(issuer);
  issuer.token = async (sub, overrides) => {
    if (!overrides?.unknownUser) await knownUser(usersBucket, gateway, sub);
    const { unknownUser: _unknown, ...claims } = overrides ?? {};
    return mint(sub, claims);
  };
  const grantsBucket = await new Kvm(nc).open(grantsBucketName);
  const jsm = await jetstreamManager(nc);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    gateway,
    server,
    issuer,
    upstream,
    identity,
    privacy,
    billing,
    helpdesk,
    logLines: log.lines,
    bucket,
    bucketName,
    usersBucket,
    usersBucketName,
    grantsBucket,
    grantsBucketName,
    putGrant: async (grant) => {
      await grantsBucket.put(grant.requestId, JSON.stringify(grant));
    },
    deleteGrant: async (requestId) => {
      await grantsBucket.delete(requestId);
    },
    auditSequence: async () => (await jsm.streams.info(AUDIT_STREAM.name)).state.last_seq,
    auditEvents: (afterSequence) => auditEventsAfter(jsm, afterSequence, TenantActionPerformed),
    refusalEvents: (afterSequence) => auditEventsAfter(jsm, afterSequence, SupportAccessRefused),
    putMembership: async (m) => {
      await bucket.put(membershipKey(m.userId, m.tenantId), JSON.stringify(m));
    },
    deleteMembership: async (userId, tenantId) => {
      await bucket.delete(membershipKey(userId, tenantId));
    },
    putUserAccess: async (access) => {
      await usersBucket.put(access.userId, JSON.stringify(access));
    },
    setStatement: async (statement) => {
      if (statement) await usersBucket.put(CURRENT_STATEMENT_KEY, JSON.stringify(statement));
      else await usersBucket.delete(CURRENT_STATEMENT_KEY);
    },
    async stop() {
      await stopGateway(gateway, server);
      await bucket.destroy();
      await usersBucket.destroy();
      await grantsBucket.destroy();
      await nc.drain();
      await upstream.close();
      await identity.close();
      await privacy.close();
      await billing.close();
      await helpdesk.close();
      await issuer.close();
    },
  };
}

/** Writes an active entry for `userId` unless the bucket has one, and waits until the gateway's watch holds it. */
/** Starts the verifier, waits for the three KV projections to load, then listens on a free port. */
async function listenWhenLoaded(gateway: Gateway): Promise<Server> {
  await gateway.verifier.start();
  await gateway.memberships.whenLoaded();
  await gateway.users.whenLoaded();
  await gateway.grants.whenLoaded();
  return listenLocally(gateway.http.app);
}

async function knownUser(usersBucket: KV, gateway: Gateway, userId: string): Promise<void> {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(userId) || (await usersBucket.get(userId))) return;
  await usersBucket.create(userId, JSON.stringify({ userId, status: 'active', acceptedStatementVersion: null, updatedAt: new Date().toISOString() }))
    .catch(() => undefined);
  const deadline = Date.now() + 5_000;
  while (!(await gateway.users.get(userId)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

/** A second gateway on the same bucket and issuer, as another replica or a restart would see it. */
export async function startReplica(h: Harness): Promise<{ url: string; stop(): Promise<void> }> {
  const config = readConfig({
    NODE_ENV: 'test',
    NATS_URL,
    OIDC_ISSUER_URL: h.issuer.issuer,
    TENANT_DATA_URL: h.upstream.url,
    IDENTITY_URL: h.identity.url,
    PRIVACY_URL: h.privacy.url,
    BILLING_INTEGRATION_URL: h.billing.url,
    HELPDESK_URL: h.helpdesk.url,
    MEMBERSHIPS_BUCKET: h.bucketName,
    USERS_BUCKET: h.usersBucketName,
    SUPPORT_GRANTS_BUCKET: h.grantsBucketName,
  });
  const gateway = await buildGateway(config, createLogger({ service: 'gateway', level: 'silent' }));
  const server = await listenWhenLoaded(gateway);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop: () => stopGateway(gateway, server) };
}

/** The AUDIT stream is shared with other suites: read only the window after a sequence noted before. */
async function auditEventsAfter<T>(jsm: JetStreamManager, afterSequence: number, contract: Contract<z.ZodType<T>>): Promise<T[]> {
  const last = (await jsm.streams.info(AUDIT_STREAM.name)).state.last_seq;
  const events: T[] = [];
  for (let seq = afterSequence + 1; seq <= last; seq++) {
    const message = await jsm.streams.getMessage(AUDIT_STREAM.name, { seq }).catch(() => null);
    if (message?.subject === contract.subject) events.push(contract.schema.parse(message.json()));
  }
  return events;
}

/** Polls until `check` passes or `timeoutMs` runs out; returns the milliseconds it took. */
export async function eventually(check: () => Promise<void>, timeoutMs = 1_000, stepMs = 20): Promise<number> {
  const started = Date.now();
  for (;;) {
    try {
      await check();
      return Date.now() - started;
    } catch (err) {
      if (Date.now() - started > timeoutMs) throw err;
      await new Promise((r) => setTimeout(r, stepMs));
    }
  }
}
