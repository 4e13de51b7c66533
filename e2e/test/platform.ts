import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { fullPermissions, membershipKey, noPermissions, TenantCreated, type Permissions, type Role } from '@homi/contracts';
import { connectNats, publish } from '@homi/messaging';
import { newId } from '@homi/service-kit';
import { spawnDevIssuer } from '@homi/dev-issuer';
import { createDatabase, dropDatabase, passwordGrant, startPrivateNatsServer, startServiceProcess, testInfra, uniqueName, type ServiceProcess } from '@homi/testing';

const root = path.resolve(__dirname, '../..');

export interface Person {
  id: string;
  email: string;
  password: string;
}

export interface Platform {
  gateway: string;
  natsUrl: string;
  issuer: string;
  tenantData: ServiceProcess;
  gatewayProcess: ServiceProcess;
  person(): Person;
  grant(person: Person, tenantId: string, role: Role, permissions?: Permissions): Promise<void>;
  tenant(name: string): Promise<string>;
  login(person: Person): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The platform as `npm start` runs it — dev issuer, tenant-data and gateway as separate built
 * processes on real sockets — with users in the issuer and memberships in the KV bucket that
 * the identity service will own.
 */
export async function startPlatform(options: { keysFile?: string; env?: Record<string, string> } = {}): Promise<Platform> {
  const infra = await testInfra();
  // A nats-server of its own: durable consumers are shared by name, so two platforms on one
  // NATS would take each other's messages as replicas do.
  const nats = await startPrivateNatsServer();
  const people: Person[] = [];
  const makePerson = (): Person => {
    const p = { id: newId('usr'), email: `${randomBytes(4).toString('hex')}@e2e.homi.test`, password: randomBytes(12).toString('base64url') };
    people.push(p);
    return p;
  };
  const pool = Array.from({ length: 8 }, makePerson);
  const issuer = await spawnDevIssuer({ keysFile: options.keysFile, users: pool.map((p) => ({ id: p.id, email: p.email, password: p.password })) });
  const dbName = uniqueName('homi_e2e_td');
  const bucket = `e2e_memberships_${randomBytes(4).toString('hex')}`;
  const secret = randomBytes(32).toString('hex');
  const common = { NATS_URL: nats.url, INTERNAL_AUTH_SECRET: secret, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...options.env };
  const tenantData = await startServiceProcess({
    name: 'tenant-data',
    entry: path.join(root, 'services/tenant-data/dist/main.js'),
    env: { ...common, TENANT_DATA_DATABASE_URL: await createDatabase(infra.databaseUrl, dbName) },
  });
  const gatewayProcess = await startServiceProcess({
    name: 'gateway',
    entry: path.join(root, 'services/gateway/dist/main.js'),
    env: { ...common, OIDC_ISSUER_URL: issuer.issuer, TENANT_DATA_URL: tenantData.url, IDENTITY_URL: 'http://127.0.0.1:9', MEMBERSHIPS_BUCKET: bucket },
  });
  const nc = await connectNats({ url: nats.url, name: 'e2e' });
  const js = jetstream(nc);
  const kv = await new Kvm(js).create(bucket, { history: 1 });
  let next = 0;
  return {
    gateway: gatewayProcess.url,
    natsUrl: nats.url,
    issuer: issuer.issuer,
    tenantData,
    gatewayProcess,
    person() {
      const p = pool[next++];
      if (!p) throw new Error('the e2e issuer was seeded with too few people');
      return p;
    },
    async grant(person, tenantId, role, permissions = role === 'staff' ? noPermissions() : fullPermissions()) {
      await kv.put(membershipKey(person.id, tenantId), JSON.stringify({ userId: person.id, tenantId, role, permissions, updatedAt: new Date().toISOString() }));
    },
    async tenant(name) {
      const tenantId = newId('ten');
      await publish(js, TenantCreated, { tenantId, instituteName: name, occurredAt: new Date().toISOString() }, { msgId: `e2e-${tenantId}` });
      return tenantId;
    },
    async login(person) {
      return (await passwordGrant(issuer.issuer, person.email, person.password)).access_token;
    },
    async stop() {
      await gatewayProcess.stop();
      await tenantData.stop();
      await issuer.stop();
      await kv.destroy().catch(() => undefined);
      await nc.close();
      await nats.dispose();
      await dropDatabase(infra.databaseUrl, dbName);
    },
  };
}

/** fetch against the gateway with a bearer token; JSON in, status + JSON out. */
export function client(base: string, token?: string) {
  const call = async (method: string, p: string, body?: unknown, headers: Record<string, string> = {}) => {
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
    let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
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
    delete: (p: string) => call('DELETE', p),
  };
}
