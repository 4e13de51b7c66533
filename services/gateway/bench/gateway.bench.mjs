// Gateway overhead: an authenticated client list through the gateway (token verification,
// membership lookup, permission check, signed caller context, proxy) against the same list
// asked of tenant-data directly with a caller context, both measured in this run.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { fullPermissions, membershipKey } from '@homi/contracts';
import { spawnDevIssuer } from '@homi/dev-issuer';
import { connectNats } from '@homi/messaging';
import { generateServiceKeyEnv, newId, parseSigningKey, signCaller, CALLER_HEADER } from '@homi/service-kit';
import { createDatabase, dropDatabase, passwordGrant, startServiceProcess, uniqueName } from '@homi/testing';

/** Requests per measurement: full, or tiny for `npm test`'s run of every bench. */
const SIZES = { full: Number(process.env.BENCH_GATEWAY_REQUESTS ?? 3000), tiny: 20 };
const CONCURRENCY = Number(process.env.BENCH_GATEWAY_CONCURRENCY ?? 16);
const root = path.resolve(import.meta.dirname, '../../..');

/** `headers`: the same for every request, or made for each (a caller context is good for one request). */
async function load(url, headers, count) {
  const latencies = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const t = performance.now();
      const res = await fetch(url, { headers: typeof headers === 'function' ? headers() : headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      latencies.push(performance.now() - t);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const ms = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { requests: latencies.length, rps: (latencies.length / ms) * 1000, p50ms: q(0.5), p99ms: q(0.99) };
}

export default async function bench({ databaseUrl, natsUrl, size = 'full' }) {
  const requests = SIZES[size];
  const user = { id: newId('usr'), email: `bench-${randomBytes(4).toString('hex')}@homi.test`, password: randomBytes(12).toString('base64url') };
  const issuer = await spawnDevIssuer({ users: [user] });
  const dbName = uniqueName('homi_bench_td');
  const bucket = `bench_memberships_${randomBytes(4).toString('hex')}`;
  // Generated keys, as in production (ADR 38); the baseline signs its caller contexts as the gateway.
  const keys = generateServiceKeyEnv(['gateway', 'tenant-data'], 'bench');
  const gatewayKeys = { service: 'gateway', signing: parseSigningKey(keys.signing.gateway.GATEWAY_SIGNING_KEY) };
  const common = { NATS_URL: natsUrl, SERVICE_TRUSTED_KEYS: keys.trusted, NODE_ENV: 'production', LOG_LEVEL: 'warn' };
  const procs = [];
  const nc = await connectNats({ url: natsUrl, name: 'bench' });
  const js = jetstream(nc);
  const kv = await new Kvm(js).create(bucket, { history: 1 });
  const users = await new Kvm(js).create(`${bucket}_users`, { history: 1 });
  try {
    const tenantData = await startServiceProcess({ name: 'tenant-data', entry: path.join(root, 'services/tenant-data/dist/main.js'), env: {
      ...common, ...keys.signing['tenant-data'], TENANT_DATA_DATABASE_URL: await createDatabase(databaseUrl, dbName),
      // Production refuses the development health-data key (ADR 50): one of the bench's own.
      HEALTH_DATA_KEK: randomBytes(32).toString('base64'), HEALTH_DATA_KEK_ID: 'bench',
      // Production requires an SMTP server for appointment mails (ADR 53); this bench's clients consent to none, so it is never called.
      SMTP_URL: 'smtp://127.0.0.1:2525',
    } });
    procs.push(tenantData);
    const gateway = await startServiceProcess({
      name: 'gateway', entry: path.join(root, 'services/gateway/dist/main.js'),
      env: { ...common, ...keys.signing.gateway, OIDC_ISSUER_URL: issuer.issuer, TENANT_DATA_URL: tenantData.url, IDENTITY_URL: tenantData.url, PRIVACY_URL: tenantData.url, BILLING_INTEGRATION_URL: tenantData.url, HELPDESK_URL: tenantData.url, MEMBERSHIPS_BUCKET: bucket, USERS_BUCKET: `${bucket}_users`, RATE_LIMIT_PER_MINUTE: '100000000' },
    });
    procs.push(gateway);
    // Clients need no institute profile, so no TenantCreated: the gateway only needs the membership
    // and the user's access entry (an account identity does not know opens nothing).
    const tenantId = newId('ten');
    const now = new Date().toISOString();
    await users.put(user.id, JSON.stringify({ userId: user.id, status: 'active', acceptedStatementVersion: null, updatedAt: now }));
    await kv.put(membershipKey(user.id, tenantId), JSON.stringify({ userId: user.id, tenantId, role: 'owner', permissions: fullPermissions(), updatedAt: new Date().toISOString() }));
    const { access_token } = await passwordGrant(issuer.issuer, user.email, user.password);
    const auth = { authorization: `Bearer ${access_token}` };
    for (let i = 0; i < 25; i++) {
      const res = await fetch(`${gateway.url}/api/v1/tenants/${tenantId}/clients`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: `Client ${i}`, email: `c${i}@example.nl` }) });
      if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
    }
    const route = `/api/v1/tenants/${tenantId}/clients?limit=25`;
    const caller = () => ({ [CALLER_HEADER]: signCaller({ userId: user.id, tenantId, role: 'owner', permissions: fullPermissions() }, gatewayKeys, { audience: 'tenant-data', method: 'GET', path: route }) });
    await load(tenantData.url + route, caller, requests); // warm-up
    const direct = await load(tenantData.url + route, caller, requests);
    await load(gateway.url + route, auth, requests); // warm-up
    const viaGateway = await load(gateway.url + route, auth, requests);
    return [
      { path: 'tenant-data directly (baseline)', concurrency: CONCURRENCY, ...direct, throughputRatio: 1 },
      { path: 'through the gateway', concurrency: CONCURRENCY, ...viaGateway, throughputRatio: viaGateway.rps / direct.rps, p50Ratio: viaGateway.p50ms / direct.p50ms },
    ];
  } finally {
    for (const p of procs.reverse()) await p.stop();
    await issuer.stop();
    await kv.destroy().catch(() => undefined);
    await users.destroy().catch(() => undefined);
    await nc.close();
    await dropDatabase(databaseUrl, dbName);
  }
}
