import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Kvm, type KV } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { CURRENT_STATEMENT_KEY, membershipKey, type CurrentStatement, type Membership, type UserAccess } from '@homi/contracts';
import { createLogger } from '@homi/service-kit';
import { readConfig } from '../../src/config';
import { buildGateway, stopGateway, type Gateway } from '../../src/gateway';
import { startTestIssuer, type TestIssuer } from './issuer';
import { startEchoUpstream, type EchoUpstream } from './upstream';

export const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
export const INTERNAL_SECRET = 'integration-test-internal-secret-0123456789';

export interface HarnessOptions {
  rateLimitPerMinute?: number;
  signupRateLimitPerHour?: number;
  upstreamTimeoutMs?: number;
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
  logLines: string[];
  bucket: KV;
  bucketName: string;
  usersBucket: KV;
  usersBucketName: string;
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
  const suffix = randomBytes(6).toString('hex');
  const bucketName = `homi_gw_test_${suffix}`;
  const usersBucketName = `homi_gw_users_test_${suffix}`;
  const logLines: string[] = [];
  const destination = new Writable({ write(chunk, _enc, cb) { logLines.push(String(chunk)); cb(); } });
  const logger = createLogger({ service: 'gateway', level: 'debug', destination });
  const config = readConfig({
    NODE_ENV: 'test',
    NATS_URL,
    OIDC_ISSUER_URL: issuer.issuer,
    TENANT_DATA_URL: upstream.url,
    IDENTITY_URL: identity.url,
    PRIVACY_URL: privacy.url,
    INTERNAL_AUTH_SECRET: INTERNAL_SECRET,
    MEMBERSHIPS_BUCKET: bucketName,
    USERS_BUCKET: usersBucketName,
    RATE_LIMIT_PER_MINUTE: String(options.rateLimitPerMinute ?? 100_000),
    SIGNUP_RATE_LIMIT_PER_HOUR: String(options.signupRateLimitPerHour ?? 100_000),
  });
  const gateway = await buildGateway(config, logger, { watchCheckIntervalMs: 1_000, upstreamTimeoutMs: options.upstreamTimeoutMs });
  await gateway.verifier.start();
  await gateway.memberships.whenLoaded();
  await gateway.users.whenLoaded();
  const server = gateway.http.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));

  const nc: NatsConnection = await connect({ servers: NATS_URL });
  const bucket = await new Kvm(nc).open(bucketName);
  const usersBucket = await new Kvm(nc).open(usersBucketName);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    gateway,
    server,
    issuer,
    upstream,
    identity,
    privacy,
    logLines,
    bucket,
    bucketName,
    usersBucket,
    usersBucketName,
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
      await nc.drain();
      await upstream.close();
      await identity.close();
      await privacy.close();
      await issuer.close();
    },
  };
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
    MEMBERSHIPS_BUCKET: h.bucketName,
    USERS_BUCKET: h.usersBucketName,
  });
  const gateway = await buildGateway(config, createLogger({ service: 'gateway', level: 'silent' }));
  await gateway.verifier.start();
  await gateway.memberships.whenLoaded();
  await gateway.users.whenLoaded();
  const server = gateway.http.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop: () => stopGateway(gateway, server) };
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
