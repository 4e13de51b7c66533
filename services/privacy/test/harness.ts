import type { Server } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import request from 'supertest';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connectNats, outboxBacklog } from '@homi/messaging';
import { fullPermissions, noPermissions } from '@homi/contracts';
import {
  CALLER_HEADER, createLogger, devServiceKeys, devTrustedKeys, newId, SERVICE_NAME, signCaller, type CallerContextInput, type VerifyingKey,
} from '@homi/service-kit';
import { capturedLog, listenLocally, localUrl, ownedTestDatabase, pollUntil, settled, startPrivateNatsServer, testInfra, type PrivateNatsServer } from '@homi/testing';
import { readConfig } from '../src/config';
import { buildService, stopService, type PrivacyService } from '../src/service';
import { TENANT_ROLE } from '../src/infrastructure/migrations/0005-tenant-usage-isolation';

/** The gateway's development keys: what the tests sign caller contexts with, as the gateway would (ADR 38). */
export const GATEWAY = devServiceKeys('gateway');

/**
 * The tests' owners have names of their own (`salon-records`, …): the harness's privacy service trusts
 * the development key of any well-formed service name, as production trusts the configured owners' keys.
 */
class AnyDevService extends Map<string, readonly VerifyingKey[]> {
  override get(service: string): readonly VerifyingKey[] | undefined {
    return SERVICE_NAME.test(service) ? devTrustedKeys([service]).get(service) : undefined;
  }
}

/** The data owners the tests start (startTestOwner), configured as the service's owners. */
export const TEST_OWNERS = ['salon-records', 'ledger', 'salon'];

/** Time as the service sees it; a test moves it forward instead of waiting weeks. */
export class TestClock {
  offsetMs = 0;
  readonly now = () => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export const DAY = 86_400_000;

export interface Harness {
  service: PrivacyService;
  server: Server;
  url: string;
  clock: TestClock;
  nats: PrivateNatsServer;
  nc: NatsConnection;
  js: JetStreamClient;
  databaseServer: string;
  databaseUrl: string;
  logLines: string[];
  /** Starts the service (again) on the same port and database, as a restarted process would. */
  start(): Promise<void>;
  /** Stops it; uploads in flight are cut off. */
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * The privacy service in-process on a real socket with a fresh database, and a private
 * nats-server: the PRIVACY stream retains every owner announcement, so on a shared server a
 * fresh registry would enrol the owners of every other test run.
 */
export async function startPrivacy(env: Record<string, string> = {}): Promise<Harness> {
  const infra = await testInfra();
  const nats = await startPrivateNatsServer();
  const db = await ownedTestDatabase('homi_privacy_test', [TENANT_ROLE]);
  const databaseUrl = db.url;
  const log = capturedLog();
  const logger = createLogger({ service: 'privacy', level: 'info', destination: log.destination });
  const clock = new TestClock();
  const read = readConfig({
    PRIVACY_DATABASE_URL: databaseUrl,
    NATS_URL: nats.url,
    NODE_ENV: 'test',
    SCHEDULER_INTERVAL_MS: String(3600_000),
    // The test owners (owners.ts) by name: the service registers and commands no other (ADR 42).
    PRIVACY_OWNERS: TEST_OWNERS.join(','),
    ...env,
  });
  const config = { ...read, SERVICE_KEYS: { ...read.SERVICE_KEYS, trusted: new AnyDevService() } };
  const nc = await connectNats({ url: nats.url, name: 'privacy-test' });
  let port = 0;
  const h = {
    clock, nats, nc, js: jetstream(nc), databaseServer: infra.databaseUrl, databaseUrl, logLines: log.lines,
    async start() {
      h.service = await buildService(config, logger, { clock: clock.now });
      h.server = await listenLocally(h.service.http.app, port);
      port = (h.server.address() as { port: number }).port;
      h.url = localUrl(h.server);
    },
    async stop() {
      // As a killed process would: connections in flight (an owner's upload) are cut, not awaited.
      const stopping = stopService(h.service, h.server);
      h.server.closeAllConnections();
      await stopping;
    },
    async dispose() {
      await h.stop().catch(() => undefined);
      await nc.close();
      await nats.dispose();
      await db.drop();
    },
  } as Harness;
  await h.start();
  return h;
}

export type Caller = Omit<CallerContextInput, 'exp'>;

/**
 * A caller as the gateway describes one: with a tenant and role, a member holding that role's default
 * permissions (unless given), and that membership among the ones the gateway attaches.
 */
export const user = (extra: Partial<Caller> = {}): Caller => {
  const caller: Caller = { userId: newId('usr'), realmRoles: [], ...extra };
  if (!caller.tenantId || !caller.role) return caller;
  const permissions = caller.permissions ?? (caller.role === 'staff' ? noPermissions() : fullPermissions());
  return { ...caller, permissions, memberships: { ...caller.memberships, [caller.tenantId]: { role: caller.role, permissions } } };
};

/** The caller context the gateway would send privacy for this request (or `keys` would, claiming to be the gateway). */
export const callerHeader = (caller: Caller, method: string, path: string, keys: Pick<typeof GATEWAY, 'service' | 'signing'> = GATEWAY) => {
  // As the request line carries it: the HTTP client percent-encodes what a URL must not hold (a quote in a query).
  const sent = new URL(path, 'http://privacy.test');
  return signCaller(caller, keys, { audience: 'privacy', method, path: sent.pathname + sent.search });
};

/** An HTTP client that calls as `caller`, with the gateway's caller context for privacy and each request. */
export function as(h: Harness, caller: Caller) {
  const base = '/api/v1/privacy';
  return {
    get: (path: string) => request(h.server).get(base + path).set(CALLER_HEADER, callerHeader(caller, 'GET', base + path)),
    post: (path: string, body?: unknown) => request(h.server).post(base + path).set(CALLER_HEADER, callerHeader(caller, 'POST', base + path)).send(body as object),
  };
}

/** Polls until `check` returns a value (not undefined/false) or the time is up. */
export const eventually = <T>(check: () => Promise<T | undefined | false>, timeoutMs = 20_000, what = 'condition'): Promise<T> =>
  pollUntil(check, { done: (value) => value !== undefined && value !== false, timeoutMs, intervalMs: 100, what }) as Promise<T>;

/** Waits until privacy and the given owners have handled and published everything (see `settled`). */
export async function flowSettled(h: Harness, owners: { orm: MikroORM }[], what?: string): Promise<void> {
  await settled({ jsm: await h.js.jetstreamManager(), backlogs: [h.service.orm, ...owners.map((o) => o.orm)].map((orm) => () => outboxBacklog(orm)), what });
}
