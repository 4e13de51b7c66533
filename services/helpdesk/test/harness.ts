import http from 'node:http';
import type { Server } from 'node:http';
import request from 'supertest';
import { fullPermissions, identityApi, noPermissions, type Role } from '@homi/contracts';
import { createLogger, newId, PROBLEM_TYPE_BASE, signCaller, CALLER_HEADER, SERVICE_HEADER, verifyService } from '@homi/service-kit';
import { createOwnedDatabase, startPrivateNatsServer, testInfra, uniqueName } from '@homi/testing';
import { buildService, stopService, type HelpdeskService } from '../src/service';
import { readConfig } from '../src/config';
import { TENANT_ROLE } from '../src/infrastructure/migrations/0001-initial';

export const SECRET = 'test-internal-secret-helpdesk-0123456789';

/** identity's institute-details route on a real socket: names the institutes the test set, checks the service credential. */
async function startIdentityNames() {
  const names = new Map<string, string>();
  const asked: string[] = [];
  const prefix = identityApi.identityInternalPaths.tenant('');
  const server = http.createServer((req, res) => {
    let service: string;
    try {
      service = verifyService(req.headers[SERVICE_HEADER] as string | undefined, SECRET);
    } catch {
      return void res.writeHead(401).end();
    }
    const tenantId = (req.url ?? '').slice(prefix.length);
    asked.push(`${service}:${tenantId}`);
    const name = names.get(tenantId);
    if (!name) {
      return void res.writeHead(404, { 'content-type': 'application/problem+json' })
        .end(JSON.stringify({ type: PROBLEM_TYPE_BASE + identityApi.TENANT_NOT_FOUND_PROBLEM, status: 404 }));
    }
    const body: identityApi.InstituteDetails = { tenantId, name, kvkNumber: null, address: null, phone: null };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    names,
    asked,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export interface Harness {
  service: HelpdeskService;
  server: Server;
  natsUrl: string;
  databaseUrl: string;
  /** Institute names identity gives, by tenant; and who asked for which. */
  identity: { names: Map<string, string>; asked: string[] };
  stop(): Promise<void>;
}

/**
 * The helpdesk in-process on a real socket, with its own database owned by a role that is no
 * superuser (forced row-level security holds it, as in production) and its own nats-server.
 */
export async function startHelpdesk(options: { privacyUrl?: string; clock?: () => Date } = {}): Promise<Harness> {
  const infra = await testInfra();
  const nats = await startPrivateNatsServer();
  const db = await createOwnedDatabase(infra.databaseUrl, uniqueName('homi_hd_test'), { roles: [TENANT_ROLE] });
  const identity = await startIdentityNames();
  const logger = createLogger({ service: 'helpdesk', level: (process.env.HELPDESK_TEST_LOG ?? 'silent') as 'warn' });
  const config = readConfig({
    HELPDESK_DATABASE_URL: db.url,
    NATS_URL: nats.url,
    INTERNAL_AUTH_SECRET: SECRET,
    NODE_ENV: 'test',
    IDENTITY_URL: identity.url,
    ...(options.privacyUrl ? { PRIVACY_URL: options.privacyUrl } : {}),
  });
  const service = await buildService(config, logger, { clock: options.clock });
  const server = service.http.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    service,
    server,
    natsUrl: nats.url,
    databaseUrl: db.url,
    identity,
    async stop() {
      await stopService(service, server);
      await identity.close();
      await nats.dispose();
      await db.drop();
    },
  };
}

export interface Member {
  userId: string;
  tenantId: string;
  role: Role;
}

export const member = (tenantId: string, role: Role = 'staff'): Member => ({ userId: newId('usr'), tenantId, role });

/** An HTTP client calling as a member of their institute, with the gateway's signed caller context. */
export function asMember(h: Harness, m: Member) {
  const permissions = m.role === 'owner' ? fullPermissions() : noPermissions();
  const header = () => signCaller({ userId: m.userId, tenantId: m.tenantId, role: m.role, permissions }, SECRET);
  const base = `/api/v1/tenants/${m.tenantId}/tickets`;
  return {
    tenantId: m.tenantId,
    get: (path = '') => request(h.server).get(base + path).set(CALLER_HEADER, header()),
    post: (path: string, body?: unknown) => request(h.server).post(base + path).set(CALLER_HEADER, header()).send(body as object),
  };
}

/** An HTTP client calling as a HOMi support user (realm role `support`, tenant-less context). */
export function asSupport(h: Harness, userId = newId('usr'), realmRoles = ['support']) {
  const header = () => signCaller({ userId, realmRoles }, SECRET);
  const base = '/api/v1/support/tickets';
  return {
    userId,
    get: (path = '') => request(h.server).get(base + path).set(CALLER_HEADER, header()),
    post: (path: string, body?: unknown) => request(h.server).post(base + path).set(CALLER_HEADER, header()).send(body as object),
    patch: (path: string, body?: unknown) => request(h.server).patch(base + path).set(CALLER_HEADER, header()).send(body as object),
  };
}
