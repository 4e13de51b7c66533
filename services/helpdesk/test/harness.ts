import http from 'node:http';
import type { Server } from 'node:http';
import request from 'supertest';
import { fullPermissions, identityApi, noPermissions, type Role } from '@homi/contracts';
import { createLogger, devServiceKeys, newId, PROBLEM_TYPE_BASE, serviceVerifier, signCaller, CALLER_HEADER, SERVICE_HEADER, verifyService, type CallerContextInput } from '@homi/service-kit';
import { mailCatcherClient, startMailCatcher, type MailCatcherClient } from '@homi/mail-catcher';
import { listenLocally, localUrl, startServiceUnderTest } from '@homi/testing';
import { buildService, stopService, type HelpdeskService } from '../src/service';
import { readConfig } from '../src/config';
import { TENANT_ROLE } from '../src/infrastructure/migrations/0001-initial';

/** Where the institute's replies go while no support user took the ticket. */
export const SUPPORT_MAILBOX = 'support@homi.test';

/** The gateway's development keys: the caller context the helpdesk trusts outside production (ADR 38). */
export const GATEWAY = devServiceKeys('gateway');

/** The gateway's caller context for one request to the helpdesk: bound to its method and path. */
export const callerHeader = (ctx: Omit<CallerContextInput, 'exp'>, method: string, path: string) =>
  signCaller(ctx, GATEWAY, { audience: 'helpdesk', method, path: asSent(path) });

/** The path as the HTTP client sends it (spaces and non-ASCII percent-encoded, dot segments kept): what the gateway signs. */
const asSent = (path: string): string => path.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));

/**
 * identity's institute-details and mail-address routes on a real socket: names the institutes and
 * gives the addresses the test set, checks the service credential.
 */
async function startIdentityNames() {
  const names = new Map<string, string>();
  const addresses = new Map<string, string>();
  const asked: string[] = [];
  const prefix = identityApi.identityInternalPaths.tenant('');
  const mailAddress = /^\/internal\/v1\/users\/([^/]+)\/mail-address$/;
  const verifier = serviceVerifier(devServiceKeys('identity'));
  const server = http.createServer((req, res) => {
    void answer(req, res).catch(() => res.writeHead(401).end());
  });
  async function answer(req: http.IncomingMessage, res: http.ServerResponse) {
    const service = await verifyService(req.headers[SERVICE_HEADER] as string | undefined, verifier, { method: req.method ?? 'GET', path: req.url ?? '' });
    const user = mailAddress.exec(req.url ?? '')?.[1];
    if (user) {
      asked.push(`${service}:mail-address`);
      const email = addresses.get(user);
      const answer = email ? { status: 200, body: { userId: user, email } } : { status: 404, body: { type: PROBLEM_TYPE_BASE + identityApi.USER_NOT_MAILABLE_PROBLEM, status: 404 } };
      return void res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
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
  }
  await listenLocally(server);
  return {
    url: localUrl(server),
    names,
    addresses,
    asked,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export interface Harness {
  service: HelpdeskService;
  server: Server;
  natsUrl: string;
  databaseUrl: string;
  /** Institute names and user addresses identity gives; and who asked for which. */
  identity: { names: Map<string, string>; addresses: Map<string, string>; asked: string[] };
  /** The SMTP catcher the helpdesk mails reply notices to, read over its JSON API. */
  mail: MailCatcherClient;
  stop(): Promise<void>;
}

/**
 * The helpdesk in-process on a real socket, with its own database owned by a role that is no
 * superuser (forced row-level security holds it, as in production) and its own nats-server.
 */
export async function startHelpdesk(options: { privacyUrl?: string; clock?: () => Date } = {}): Promise<Harness> {
  const identity = await startIdentityNames();
  const catcher = await startMailCatcher();
  const logger = createLogger({ service: 'helpdesk', level: (process.env.HELPDESK_TEST_LOG ?? 'silent') as 'warn' });
  const running = await startServiceUnderTest<HelpdeskService>({
    service: 'helpdesk',
    database: { prefix: 'homi_hd_test', roles: [TENANT_ROLE] },
    // PRIVACY_URL left undefined takes the config's default.
    build: (env) =>
      buildService(
        readConfig({
          ...env,
          IDENTITY_URL: identity.url,
          PRIVACY_URL: options.privacyUrl,
          SMTP_URL: catcher.smtpUrl,
          HELPDESK_SUPPORT_MAIL: SUPPORT_MAILBOX,
          WEB_BASE_URL: 'https://web.test',
        }),
        logger,
        { clock: options.clock },
      ),
    stop: stopService,
  });
  return {
    ...running,
    identity,
    mail: mailCatcherClient(catcher.url),
    async stop() {
      await running.stop();
      await identity.close();
      await catcher.stop();
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
  const ctx = { userId: m.userId, tenantId: m.tenantId, role: m.role, permissions };
  const base = `/api/v1/tenants/${m.tenantId}/tickets`;
  return {
    tenantId: m.tenantId,
    get: (path = '') => request(h.server).get(base + path).set(CALLER_HEADER, callerHeader(ctx, 'GET', base + path)),
    post: (path: string, body?: unknown) => request(h.server).post(base + path).set(CALLER_HEADER, callerHeader(ctx, 'POST', base + path)).send(body as object),
  };
}

/** An HTTP client calling as a HOMi support user (realm role `support`, tenant-less context). */
export function asSupport(h: Harness, userId = newId('usr'), realmRoles = ['support']) {
  const ctx = { userId, realmRoles };
  const base = '/api/v1/support/tickets';
  return {
    userId,
    get: (path = '') => request(h.server).get(base + path).set(CALLER_HEADER, callerHeader(ctx, 'GET', base + path)),
    post: (path: string, body?: unknown) => request(h.server).post(base + path).set(CALLER_HEADER, callerHeader(ctx, 'POST', base + path)).send(body as object),
    patch: (path: string, body?: unknown) => request(h.server).patch(base + path).set(CALLER_HEADER, callerHeader(ctx, 'PATCH', base + path)).send(body as object),
  };
}
