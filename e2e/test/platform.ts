import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { BUS_SERVICES, NATS_NAMESPACE, natsServerConfig, type BusService, type Permissions, type Role } from '@homi/contracts';
import { spawnDevIssuer } from '@homi/dev-issuer';
import { startFactuurSturenSimulator, type FactuurSturenSimulator } from '@homi/factuursturen-simulator';
import { mailCatcherClient, startMailCatcher, type MailCatcherClient } from '@homi/mail-catcher';
import { generateServiceKeyEnv } from '@homi/service-kit';
import { startReplicaProxy, type ReplicaProxy } from './replica-proxy';
import {
  createDatabase, dropDatabase, passwordGrant, pollUntil, reservePort, startNatsCluster, startPrivateNatsServer, startServiceProcess, testInfra, totp, uniqueName, type NatsCluster, type ServiceProcess,
} from '@homi/testing';

// HOMI_E2E_BUILD_ROOT: run the services of another checkout's build (e.g. to show a new test fails on main).
const root = process.env.HOMI_E2E_BUILD_ROOT ?? path.resolve(__dirname, '../..');

export interface Person {
  id: string;
  email: string;
  password: string;
}

/** A HOMi support user (realm role support) with an authenticator app: a TOTP secret. */
export interface SupportPerson extends Person {
  totpSecret: string;
}

/** The FactuurSturen account every e2e institute may connect (the simulator knows it). */
/** Where the platform's helpdesk tells support of an institute's reply on a ticket nobody took. */
export const SUPPORT_MAILBOX = 'support@e2e.homi.test';

export const FACTUURSTUREN_ACCOUNT = { username: 'e2e-salon', apiKey: 'e2e-api-key-0123456789' };

export interface Institute {
  tenantId: string;
  owner: Person;
  ownerToken: string;
}

export type ServiceKey = 'tenantData' | 'identity' | 'privacy' | 'billing' | 'helpdesk' | 'gateway';
export const SERVICE_KEYS: readonly ServiceKey[] = ['tenantData', 'identity', 'privacy', 'billing', 'helpdesk', 'gateway'];

export interface PlatformOptions {
  keysFile?: string;
  /** Environment for every service. */
  env?: Record<string, string>;
  /** Environment for one service, over `env` and the platform's own settings (e.g. a short RETRY_AFTER_MS for privacy). */
  serviceEnv?: Partial<Record<ServiceKey, Record<string, string>>>;
  /**
   * A NATS server to run on, as it is (no users: services connect without credentials, as on CI's
   * server). Unset: a nats-server of the platform's own with a user per service (ADR 37).
   */
  natsUrl?: string;
  /**
   * Run on a three-node JetStream cluster of the platform's own (ADR 57): every service gets the three
   * servers as NATS_URL and NATS_REPLICAS=3. Ignored with `natsUrl`.
   */
  natsCluster?: boolean;
  /** The Postgres server the platform's databases are made on (e.g. a private one a chaos test kills); default the test infrastructure's. */
  databaseUrl?: string;
  /**
   * Processes per service (ADR 60), default 1. With 2, every service — the gateway too — runs as two
   * processes on the same databases and NATS, behind a round-robin TCP proxy of the harness on the
   * service's URL (`startReplicaProxy`): the other services and the tests call the proxy.
   */
  replicas?: 1 | 2;
}

export interface Platform {
  gateway: string;
  /** The web application as a browser opens it: the gateway's origin by name (the issuer's registered redirect origin). */
  web: string;
  issuer: string;
  databases: Record<'tenantData' | 'identity' | 'privacy' | 'billing' | 'helpdesk', string>;
  /** The NATS server's URL for a test's own connection (with an all-rights user's credentials when the server has users). */
  natsUrl: string;
  /** The FactuurSturen stand-in billing-integration talks to over HTTP (FACTUURSTUREN_ACCOUNT is its account). */
  simulator: FactuurSturenSimulator;
  /** The mailbox of every address: the platform's SMTP catcher, read over its JSON API. */
  mail: MailCatcherClient;
  /** The platform's own nats-server, which a test may kill (SIGKILL) and start again; undefined on a given NATS server. */
  natsServer?: { stop(): Promise<void>; start(): Promise<void> };
  /** The platform's three-node cluster when started with `natsCluster` (its nodes a test may kill). */
  natsCluster?: NatsCluster;
  /** The running processes (each service's first replica); `restart` replaces an entry with the new process. */
  processes: Record<ServiceKey, ServiceProcess>;
  /** Every replica of every service (one each unless started with `replicas`). */
  replicas: Record<ServiceKey, ServiceProcess[]>;
  /** Each gateway replica's own URL (`gateway` is the proxy in front of them when there are two). */
  gateways: string[];
  /** Connections each service's proxy handed to each of its replicas so far (empty without replicas). */
  proxyConnections(): Partial<Record<ServiceKey, number[]>>;
  /** An institute signed up through the public API, its owner logged in. */
  signup(instituteName?: string): Promise<Institute>;
  /**
   * `signup`, then waits until tenant-data serves the institute's profile (it learns of the sign-up
   * from identity's event): the owner's API client `owner` and the tenant id `t` beside it.
   */
  signupReady(instituteName?: string): Promise<{ institute: Institute; t: string; owner: ApiClient }>;
  /**
   * A colleague the owner invites through the API, who reads the mail and signs up through its link
   * (accepting the privacy statement there unless `acceptStatement` is false).
   */
  addMember(institute: Institute, role: Role, permissions?: Partial<Permissions>, options?: { acceptStatement?: boolean; name?: string }): Promise<Person>;
  /** The token of the newest invitation or confirmation mailed to `email` since `since` (ms). */
  mailedToken(email: string, since: number, subject?: RegExp): Promise<string>;
  login(person: Person): Promise<string>;
  /** A support user created in the issuer with realm role support and a TOTP secret. */
  supportUser(): Promise<SupportPerson>;
  /** HOMi staff with another realm role (`operator`: the privacy officer) and a TOTP secret, made in the issuer as support users are. */
  staffUser(realmRole: 'support' | 'operator'): Promise<SupportPerson>;
  /** A password login with the current one-time code: a fresh multi-factor login (acr 2). */
  loginWithMfa(person: SupportPerson): Promise<string>;
  /**
   * Ends a service with `signal` (SIGKILL: no graceful shutdown, as a crash or an OOM kill) and
   * starts it again with the same environment on the same port, so the URLs the other services
   * were given stay valid. `downMs` keeps it down that long before starting it again.
   */
  restart(name: ServiceKey, signal?: NodeJS.Signals, options?: { downMs?: number }): Promise<ServiceProcess>;
  /** `restart` for one replica (index 0 or 1) of a service started with `replicas`. */
  restartReplica(name: ServiceKey, index: number, signal?: NodeJS.Signals, options?: { downMs?: number }): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

/**
 * One platform for the whole test file: started before its first test (handed to `use`), stopped
 * after its last.
 */
export function startPlatformForFile(use: (platform: Platform) => void, options: PlatformOptions = {}): void {
  let started: Platform | undefined;
  beforeAll(async () => {
    started = await startPlatform(options);
    use(started);
  }, 120_000);
  afterAll(async () => {
    await started?.stop();
  });
}

/**
 * The platform as `npm start` runs it — dev issuer, privacy, identity, tenant-data and gateway
 * as separate built processes on real sockets, with a nats-server and databases of its own
 * (durable consumers are shared by name: two platforms on one NATS would take each other's
 * messages as replicas do).
 */
export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const infra = options.databaseUrl ? { databaseUrl: options.databaseUrl } : await testInfra();
  const nats = await platformNats(options.natsUrl, options.natsCluster);
  // The gateway's port is chosen first, and held until the gateway starts: the issuer registers its
  // origin for the web app's sign-in.
  const gatewayReservation = await reservePort();
  const gatewayPort = gatewayReservation.port;
  // identity asks the helpdesk about cited tickets (ADR 43) and starts first: the helpdesk's port is held for it.
  const helpdeskReservation = await reservePort();
  // privacy asks identity for a requester's address (ADR 51) and starts before it: identity's port is held for it.
  const identityReservation = await reservePort();
  const web = `http://localhost:${gatewayPort}`;
  const catcher = await startMailCatcher();
  // Sign-up's verification mail (Keycloak's send-verify-email) goes to the catcher too (ADR 51).
  const issuer = await spawnDevIssuer({ keysFile: options.keysFile, webOrigins: [web], smtpUrl: catcher.smtpUrl });
  // A 5 s rate-limit window (FactuurSturen's is a minute), so a 429's Retry-After stays short in tests.
  const simulator = await startFactuurSturenSimulator({ accounts: [FACTUURSTUREN_ACCOUNT], rateLimit: { limit: 200, windowMs: 5000 } });
  const mail = mailCatcherClient(catcher.url);
  const names = {
    tenantData: uniqueName('homi_e2e_td'), identity: uniqueName('homi_e2e_id'), privacy: uniqueName('homi_e2e_pr'), billing: uniqueName('homi_e2e_bi'),
    helpdesk: uniqueName('homi_e2e_hd'),
  };
  const databases = {
    tenantData: await createDatabase(infra.databaseUrl, names.tenantData),
    identity: await createDatabase(infra.databaseUrl, names.identity),
    privacy: await createDatabase(infra.databaseUrl, names.privacy),
    billing: await createDatabase(infra.databaseUrl, names.billing),
    helpdesk: await createDatabase(infra.databaseUrl, names.helpdesk),
  };
  // Generated keys, as in production: each service signs with its own, and trusts the others' (ADR 38).
  const keys = generateServiceKeyEnv(undefined, 'e2e');
  const common = { NATS_URL: nats.url, ...(nats.cluster ? { NATS_REPLICAS: '3' } : {}), SERVICE_TRUSTED_KEYS: keys.trusted, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...options.env };
  // What each service was started with, so that `restart` can start it again exactly so.
  const specs = {} as Record<ServiceKey, { name: string; env: Record<string, string> }>;
  const reserved: Partial<Record<ServiceKey, typeof gatewayReservation>> = { gateway: gatewayReservation, helpdesk: helpdeskReservation, identity: identityReservation };
  const replicaCount = options.replicas ?? 1;
  const replicas = {} as Record<ServiceKey, ServiceProcess[]>;
  // With replicas (ADR 60), each service's URL is a round-robin proxy's on the port held for it; the
  // replicas themselves take free ports of their own.
  const proxies: Partial<Record<ServiceKey, ReplicaProxy>> = {};
  if (replicaCount > 1) {
    for (const key of SERVICE_KEYS) {
      const reservation = reserved[key] ?? (await reservePort());
      await reservation.release();
      delete reserved[key];
      proxies[key] = await startReplicaProxy(reservation.port, () => (replicas[key] ?? []).map((r) => r.url));
    }
  }
  const launch = (key: ServiceKey, port = reserved[key]?.port) => {
    const { name, env } = specs[key];
    const reservation = reserved[key];
    return startServiceProcess({ name, entry: path.join(root, `services/${name}/dist/main.js`), env, port, reservation });
  };
  /** Starts the service's replicas one after the other (migrations run once, under their lock); its URL as the others call it. */
  const start = async (key: ServiceKey, name: string, env: Record<string, string>) => {
    specs[key] = { name, env: { ...common, ...nats.credentials(name as BusService), ...keys.signing[name], ...env, ...options.serviceEnv?.[key] } };
    replicas[key] = [];
    for (let i = 0; i < replicaCount; i++) replicas[key].push(await launch(key));
    return { url: proxies[key]?.url ?? replicas[key][0]!.url };
  };
  const privacy = await start('privacy', 'privacy', {
    PRIVACY_DATABASE_URL: databases.privacy, SCHEDULER_INTERVAL_MS: '1000',
    // Notices to requesters (ADR 51) land in this platform's catcher and link to its web app.
    IDENTITY_URL: `http://127.0.0.1:${identityReservation.port}`, SMTP_URL: catcher.smtpUrl, WEB_BASE_URL: web, NOTICE_INTERVAL_MS: '1000',
  });
  // identity before tenant-data, which fetches a new institute's details from it (ADR 12); identity needs nothing of tenant-data.
  const identity = await start('identity', 'identity', {
    IDENTITY_DATABASE_URL: databases.identity, PRIVACY_URL: privacy.url,
    IDENTITY_PROVIDER: 'dev', DEV_ISSUER_URL: issuer.url, DEV_ISSUER_ADMIN_SECRET: issuer.adminSecret, SMTP_URL: catcher.smtpUrl,
    // Mailed links (invitations, address confirmations) open this platform's web app.
    WEB_BASE_URL: web,
    HELPDESK_URL: `http://127.0.0.1:${helpdeskReservation.port}`,
  });
  const tenantData = await start('tenantData', 'tenant-data', {
    TENANT_DATA_DATABASE_URL: databases.tenantData, PRIVACY_URL: privacy.url, IDENTITY_URL: identity.url,
    // Appointment confirmations and reminders (ADR 53) land in this platform's catcher and link to its web app.
    SMTP_URL: catcher.smtpUrl, WEB_BASE_URL: web, NOTICE_INTERVAL_MS: '1000',
  });
  const billing = await start('billing', 'billing-integration', {
    BILLING_INTEGRATION_DATABASE_URL: databases.billing, PRIVACY_URL: privacy.url, TENANT_DATA_URL: tenantData.url,
    FACTUURSTUREN_URL: `${simulator.url}/api/v1/`, BILLING_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
    FACTUURSTUREN_TIMEOUT_MS: '1500', INVOICE_WORKER_INTERVAL_MS: '500', INVOICE_RETRY_BASE_MS: '200', INVOICE_RETRY_MAX_MS: '2000',
  });
  const helpdesk = await start('helpdesk', 'helpdesk', {
    HELPDESK_DATABASE_URL: databases.helpdesk, PRIVACY_URL: privacy.url, IDENTITY_URL: identity.url,
    // Reply notices (ADR 43) land in this platform's catcher and link to its web app.
    SMTP_URL: catcher.smtpUrl, WEB_BASE_URL: web, HELPDESK_SUPPORT_MAIL: SUPPORT_MAILBOX, REPLY_NOTICE_INTERVAL_MS: '1000',
  });
  const gateway = await start('gateway', 'gateway', {
    OIDC_ISSUER_URL: issuer.issuer, TENANT_DATA_URL: tenantData.url, IDENTITY_URL: identity.url, PRIVACY_URL: privacy.url,
    BILLING_INTEGRATION_URL: billing.url, HELPDESK_URL: helpdesk.url,
    RATE_LIMIT_PER_MINUTE: '100000', SIGNUP_RATE_LIMIT_PER_HOUR: '10000',
  });
  const processes = Object.fromEntries(SERVICE_KEYS.map((key) => [key, replicas[key][0]!])) as Record<ServiceKey, ServiceProcess>;
  const restartReplica = async (key: ServiceKey, index: number, signal: NodeJS.Signals = 'SIGKILL', { downMs = 0 } = {}) => {
    const old = replicas[key][index]!;
    await old.stop(signal);
    if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
    replicas[key][index] = await launch(key, Number(new URL(old.url).port));
    if (index === 0) processes[key] = replicas[key][0]!;
    return replicas[key][index]!;
  };
  const login = async (person: Person) => (await passwordGrant(issuer.issuer, person.email, person.password)).access_token;
  const adminToken = async () =>
    (await fetch(`${issuer.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'homi-admin', client_secret: issuer.adminSecret }),
    }).then((r) => r.json() as Promise<{ access_token: string }>)).access_token;
  const newPerson = (): Person => ({ id: '', email: `${randomBytes(5).toString('hex')}@e2e.homi.test`, password: `pw-${randomBytes(12).toString('base64url')}` });
  const mailedToken = async (email: string, since: number, subject?: RegExp) => {
    const { text } = await mail.waitFor({ to: email, since, subject });
    const token = /#token=([A-Za-z0-9_-]{43})/.exec(text)?.[1];
    if (!token) throw new Error('the mail holds no token');
    return token;
  };

  const staffUser = async (realmRole: 'support' | 'operator'): Promise<SupportPerson> => {
      const person: SupportPerson = { ...newPerson(), totpSecret: base32Secret() };
      const created = await fetch(`${issuer.url}/admin/realms/homi/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await adminToken()}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          email: person.email, firstName: 'Support', lastName: 'Agent', enabled: true, emailVerified: true, realmRoles: [realmRole],
          credentials: [{ type: 'password', value: person.password, temporary: false }, { type: 'otp', value: person.totpSecret }],
        }),
      });
      if (created.status !== 201) throw new Error(`creating a ${realmRole} user failed: ${created.status} ${await created.text()}`);
      person.id = (created.headers.get('location') ?? '').split('/').pop() ?? '';
      return person;
  };

  const signup = async (instituteName = 'Salon'): Promise<Institute> => {
    const api = client(gateway.url);
    const statement = await api.get('/privacy-statement');
    const owner = newPerson();
    const res = await api.post('/signup', {
      email: owner.email, password: owner.password, name: 'Owner Person', institute: { name: instituteName },
      acceptedPrivacyStatementVersion: statement.body.version,
    });
    if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
    owner.id = res.body.userId;
    return { tenantId: res.body.tenantId, owner, ownerToken: await login(owner) };
  };

  return {
    gateway: gateway.url,
    web,
    issuer: issuer.issuer,
    natsUrl: nats.testUrl,
    natsServer: nats.server,
    natsCluster: nats.cluster,
    databases,
    simulator,
    mail,
    mailedToken,
    processes,
    signup,
    async signupReady(instituteName) {
      const institute = await signup(instituteName);
      const t = institute.tenantId;
      const owner = client(gateway.url, institute.ownerToken);
      await eventually(async () => (await owner.get(`/tenants/${t}`)).status === 200, 'the institute profile');
      return { institute, t, owner };
    },
    async addMember(institute, role, permissions, { acceptStatement = true, name = 'Colleague' } = {}) {
      const person = newPerson();
      const since = Date.now();
      const res = await client(gateway.url, institute.ownerToken).post(`/tenants/${institute.tenantId}/members`, {
        email: person.email, name, role, ...(permissions ? { permissions } : {}),
      });
      if (res.status !== 202) throw new Error(`inviting a member failed: ${res.status} ${JSON.stringify(res.body)}`);
      // What the colleague does with the mail: follow the link, choose a password, and (on that page
      // or on first use) accept the current privacy statement.
      const api = client(gateway.url);
      const version = acceptStatement ? (await api.get('/privacy-statement')).body.version : undefined;
      const joined = await api.post('/invitation-signups', {
        token: await mailedToken(person.email, since), name, password: person.password,
        ...(version ? { acceptedPrivacyStatementVersion: version } : {}),
      });
      if (joined.status !== 201) throw new Error(`signing up through the invitation failed: ${joined.status} ${JSON.stringify(joined.body)}`);
      person.id = joined.body.userId;
      return person;
    },
    login,
    supportUser: () => staffUser('support'),
    staffUser: (realmRole) => staffUser(realmRole),
    async loginWithMfa(person) {
      return (await passwordGrant(issuer.issuer, person.email, person.password, { totp: totp(person.totpSecret) })).access_token;
    },
    replicas,
    gateways: replicas.gateway.map((r) => r.url),
    proxyConnections: () => Object.fromEntries(Object.entries(proxies).map(([key, proxy]) => [key, [...proxy.connections]])),
    restart: (key, signal, options) => restartReplica(key, 0, signal, options),
    restartReplica,
    async stop() {
      for (const key of ['gateway', 'helpdesk', 'billing', 'identity', 'tenantData', 'privacy'] as const) for (const r of replicas[key]) await r.stop();
      for (const proxy of Object.values(proxies)) await proxy.close();
      await simulator.close();
      // The issuer first: its mail pool holds a connection to the catcher.
      await issuer.stop();
      await catcher.stop();
      await nats.dispose();
      for (const name of Object.values(names)) await dropDatabase(infra.databaseUrl, name);
    },
  };
}

/**
 * The platform's NATS: the given server as it is, or a nats-server of its own whose users are
 * generated from the bus rights (each service its own user, the tests an all-rights one).
 */
async function platformNats(url: string | undefined, cluster = false) {
  if (url) return { url, testUrl: url, server: undefined, cluster: undefined, credentials: () => ({}), dispose: async () => undefined };
  const secret = () => randomBytes(18).toString('base64url');
  const passwords = Object.fromEntries(BUS_SERVICES.map((s) => [s, secret()])) as Record<BusService, string>;
  const admin = { user: 'e2e-test', password: secret() };
  const config = natsServerConfig({ passwords, namespace: NATS_NAMESPACE, admins: [admin] });
  const credentials = (service: BusService): Record<string, string> => ({ NATS_USER: service, NATS_PASSWORD: passwords[service] });
  // The tests' own connection signs in as the all-rights user; a comma-separated list carries it in its first URL.
  const withAdmin = (servers: string) => {
    const [first, ...rest] = servers.split(',');
    const u = new URL(first!);
    u.username = admin.user;
    u.password = admin.password;
    return [u.toString().replace(/\/$/, ''), ...rest].join(',');
  };
  if (cluster) {
    const nodes = await startNatsCluster({ config });
    return { url: nodes.url, testUrl: withAdmin(nodes.url), server: undefined, cluster: nodes, credentials, dispose: () => nodes.dispose() };
  }
  const server = await startPrivateNatsServer({ config });
  return {
    url: server.url,
    testUrl: withAdmin(server.url),
    server: { stop: () => server.stop(), start: () => server.start() },
    cluster: undefined,
    credentials,
    dispose: () => server.dispose(),
  };
}

/** A random base32 secret as an authenticator app enrols it (160 bits). */
function base32Secret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return [...randomBytes(32)].map((b) => alphabet[b % 32]).join('');
}

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

/** fetch against the gateway with a bearer token; JSON in, status + JSON out. */
export type ApiClient = ReturnType<typeof client>;

export function client(base: string, token?: string) {
  const call = async (method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(`${base}/api/v1${p}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, body: json, headers: res.headers };
  };
  return {
    get: (p: string, h?: Record<string, string>) => call('GET', p, undefined, h),
    post: (p: string, b?: unknown, h?: Record<string, string>) => call('POST', p, b, h),
    patch: (p: string, b?: unknown) => call('PATCH', p, b),
    put: (p: string, b?: unknown) => call('PUT', p, b),
    delete: (p: string) => call('DELETE', p),
  };
}

/** Polls until `check` returns a value, or fails naming `what`. */
export const eventually = <T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> =>
  pollUntil(check, { done: Boolean, timeoutMs, intervalMs: 100, what }) as Promise<T>;

/** Polls a privacy request through the gateway until it is completed; its body then. */
export const completedRequest = (api: ReturnType<typeof client>, id: string, timeoutMs = 30_000) =>
  eventually(async () => {
    const res = await api.get(`/privacy/requests/${id}`);
    return res.body?.status === 'completed' && res.body;
  }, `request ${id} to complete`, timeoutMs);
