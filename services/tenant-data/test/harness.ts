import request from 'supertest';
import type { Server } from 'node:http';
import { noPermissions, fullPermissions, type Permissions, type Role } from '@homi/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createLogger, devServiceKeys, inTenantTransaction, newId, signCaller, CALLER_HEADER } from '@homi/service-kit';
import { capturedLog, listenLocally, startServiceUnderTest } from '@homi/testing';
import { buildService, stopService, type TenantDataService } from '../src/service';
import { readConfig } from '../src/config';
import { TENANT_ROLE } from '../src/infrastructure/migrations/0001-initial';

/** The gateway's development keys: what the tests sign caller contexts with, as the gateway would (ADR 38). */
export const GATEWAY = devServiceKeys('gateway');

export interface Harness {
  service: TenantDataService;
  server: Server;
  databaseUrl: string;
  natsUrl: string;
  logLines: string[];
  /** A raw transaction as the unit of work opens one for a tenant (filter, app.tenant_id, tenant role), for the RLS tests. */
  scope: { run<T>(tenantId: string, work: (em: EntityManager) => Promise<T>): Promise<T> };
  stop(): Promise<void>;
}

/**
 * tenant-data running in-process on a real socket, with its own fresh database and its own
 * nats-server: durable consumers are shared by name, so two test files on one NATS would take
 * each other's messages like replicas do.
 */
export async function startTenantData(options: { privacyUrl?: string; identityUrl?: string; clock?: () => Date; env?: Record<string, string> } = {}): Promise<Harness> {
  const log = capturedLog();
  const logger = createLogger({ service: 'tenant-data', level: 'info', destination: log.destination });
  const running = await startServiceUnderTest<TenantDataService>({
    service: 'tenant-data',
    database: { prefix: 'homi_td_test', roles: [TENANT_ROLE] },
    // An URL left undefined takes the config's default.
    build: (env) => buildService(readConfig({ ...env, ...options.env, PRIVACY_URL: options.privacyUrl, IDENTITY_URL: options.identityUrl }), logger, { clock: options.clock }),
    stop: stopService,
  });
  return {
    ...running,
    logLines: log.lines,
    scope: { run: (tenantId, work) => inTenantTransaction(running.service.orm, tenantId, TENANT_ROLE, work) },
  };
}

/**
 * Another tenant-data on the harness' database and NATS with `env` besides (a restart with new
 * settings: a rotated key). Stop it before the harness.
 */
export async function startAnotherTenantData(h: Pick<Harness, 'databaseUrl' | 'natsUrl'>, env: NodeJS.ProcessEnv) {
  const logger = createLogger({ service: 'tenant-data', level: 'silent' });
  const service = await buildService(readConfig({ TENANT_DATA_DATABASE_URL: h.databaseUrl, NATS_URL: h.natsUrl, NODE_ENV: 'test', ...env }), logger);
  const server = await listenLocally(service.http.app);
  return { service, server, stop: () => stopService(service, server) };
}

export interface Caller {
  userId: string;
  tenantId: string;
  role: Role;
  permissions: Permissions;
}

export function owner(tenantId = newId('ten')): Caller {
  return { userId: newId('usr'), tenantId, role: 'owner', permissions: fullPermissions() };
}

export function staff(tenantId: string, grants: Partial<Permissions>): Caller {
  return { userId: newId('usr'), tenantId, role: 'staff', permissions: { ...noPermissions(), ...grants } };
}

/** The caller context the gateway would send `audience` for this request. */
export const callerHeader = (caller: Caller, audience: string, method: string, path: string) => signCaller(caller, GATEWAY, { audience, method, path });

/** An HTTP client on `server` (a service called `audience`) that calls as `caller`, with the gateway's caller context for each request. */
export function signedClient(server: Server, caller: Caller, audience = 'tenant-data') {
  const header = (method: string, path: string) => callerHeader(caller, audience, method, path);
  const base = `/api/v1/tenants/${caller.tenantId}`;
  return {
    base,
    get: (path: string) => request(server).get(base + path).set(CALLER_HEADER, header('GET', base + path)),
    post: (path: string, body?: unknown) => request(server).post(base + path).set(CALLER_HEADER, header('POST', base + path)).send(body as object),
    put: (path: string, body?: unknown) => request(server).put(base + path).set(CALLER_HEADER, header('PUT', base + path)).send(body as object),
    patch: (path: string, body?: unknown) => request(server).patch(base + path).set(CALLER_HEADER, header('PATCH', base + path)).send(body as object),
    delete: (path: string) => request(server).delete(base + path).set(CALLER_HEADER, header('DELETE', base + path)),
    raw: () => request(server),
    header,
  };
}

/** tenant-data's API as `caller`. */
export const as = (h: Pick<Harness, 'server'>, caller: Caller) => signedClient(h.server, caller);
