// The client list (issue 17), three ways in one run on the same Postgres: a bare node:http server
// answering the same page with the same SQL and JSON (bare-client-list.mjs, the floor), tenant-data
// directly with a caller context, and through the gateway (token verification, membership lookup,
// permission check, signed caller context, proxy). It prints tenant-data / bare and gateway /
// tenant-data, and the CPU each serving process spent per request (Linux: /proc/<pid>/stat).
// The three are measured in turns (ROUNDS rounds of bare, direct, gateway) so a load that other
// work on the machine puts on it falls on all three alike.
// BENCH_CPU_PROF_DIR=<dir>: the service processes write V8 CPU profiles there (node --cpu-prof).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { CURRENT_STATEMENT_KEY, fullPermissions, membershipKey } from '@homi/contracts';
import { spawnDevIssuer } from '@homi/dev-issuer';
import { connectNats } from '@homi/messaging';
import { generateServiceKeyEnv, newId, parseSigningKey, signCaller, CALLER_HEADER } from '@homi/service-kit';
import { cpuProfilingEnv, createDatabase, dropDatabase, passwordGrant, startServiceProcess, uniqueName } from '@homi/testing';

/** Requests per measurement: full, or tiny for `npm test`'s run of every bench. */
const SIZES = { full: Number(process.env.BENCH_GATEWAY_REQUESTS ?? 3000), tiny: 20 };
const CONCURRENCY = Number(process.env.BENCH_GATEWAY_CONCURRENCY ?? 16);
const ROUNDS = 3;
const root = path.resolve(import.meta.dirname, '../../..');
/** tenant-data's row-level-security role (services/tenant-data/src/infrastructure/migrations/0001-initial.ts). */
const TENANT_ROLE = 'homi_tenant_data_tenant';
const profiling = cpuProfilingEnv();

/** CPU time (user + system) a process has used so far, in ms; undefined where /proc is not there. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return undefined;
  }
}

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
  return { requests: latencies.length, ms, latencies };
}

/** `count` requests per path, in ROUNDS turns of every path, with the CPU its serving processes spent. */
async function measure(paths, count) {
  const totals = paths.map(() => ({ ms: 0, latencies: [], cpu: 0 }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, p] of paths.entries()) {
      const before = p.pids.map(cpuMs);
      const r = await load(p.url, p.headers, Math.ceil(count / ROUNDS));
      const after = p.pids.map(cpuMs);
      totals[i].ms += r.ms;
      totals[i].latencies.push(...r.latencies);
      totals[i].cpu += after.reduce((sum, a, j) => sum + (a ?? NaN) - (before[j] ?? NaN), 0);
    }
  }
  return totals.map(({ ms, latencies, cpu }) => {
    latencies.sort((a, b) => a - b);
    const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
    return { requests: latencies.length, rps: (latencies.length / ms) * 1000, p50ms: q(0.5), p99ms: q(0.99), cpuMsPerRequest: Number.isNaN(cpu) ? undefined : cpu / latencies.length };
  });
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
  const common = { NATS_URL: natsUrl, SERVICE_TRUSTED_KEYS: keys.trusted, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...profiling };
  const procs = [];
  const nc = await connectNats({ url: natsUrl, name: 'bench' });
  const js = jetstream(nc);
  const kv = await new Kvm(js).create(bucket, { history: 1 });
  const users = await new Kvm(js).create(`${bucket}_users`, { history: 1 });
  try {
    const tenantDataDatabase = await createDatabase(databaseUrl, dbName);
    const tenantData = await startServiceProcess({ name: 'tenant-data', entry: path.join(root, 'services/tenant-data/dist/main.js'), env: {
      ...common, ...keys.signing['tenant-data'], TENANT_DATA_DATABASE_URL: tenantDataDatabase,
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
    // Started after tenant-data has migrated its database.
    const bare = await startServiceProcess({ name: 'bare node:http', entry: path.join(import.meta.dirname, 'bare-client-list.mjs'), env: { ...profiling, DATABASE_URL: tenantDataDatabase, TENANT_ROLE } });
    procs.push(bare);
    // Clients need no institute profile, so no TenantCreated: the gateway only needs the membership
    // and the user's access entry (an account identity does not know opens nothing). Identity always
    // publishes a current privacy statement (it seeds the first at start), which the user has accepted.
    const tenantId = newId('ten');
    const now = new Date().toISOString();
    await users.put(CURRENT_STATEMENT_KEY, JSON.stringify({ version: 'bench-1', publishedAt: now }));
    await users.put(user.id, JSON.stringify({ userId: user.id, status: 'active', acceptedStatementVersion: 'bench-1', updatedAt: now }));
    await kv.put(membershipKey(user.id, tenantId), JSON.stringify({ userId: user.id, tenantId, role: 'owner', permissions: fullPermissions(), updatedAt: new Date().toISOString() }));
    const { access_token } = await passwordGrant(issuer.issuer, user.email, user.password);
    const auth = { authorization: `Bearer ${access_token}` };
    for (let i = 0; i < 25; i++) {
      const res = await fetch(`${gateway.url}/api/v1/tenants/${tenantId}/clients`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: `Client ${i}`, email: `c${i}@example.nl` }) });
      if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
    }
    const route = `/api/v1/tenants/${tenantId}/clients?limit=25`;
    const context = { userId: user.id, tenantId, role: 'owner', permissions: fullPermissions() };
    const caller = () => ({ [CALLER_HEADER]: signCaller(context, gatewayKeys, { audience: 'tenant-data', method: 'GET', path: route }) });
    const proxy = await startServiceProcess({
      name: 'bare proxy', entry: path.join(import.meta.dirname, 'bare-proxy.mjs'),
      env: { ...profiling, UPSTREAM_URL: tenantData.url, CALLER_JSON: JSON.stringify(context), ...keys.signing.gateway },
    });
    procs.push(proxy);
    const paths = [
      { url: bare.url + route, headers: {}, pids: [bare.child.pid] },
      { url: tenantData.url + route, headers: caller, pids: [tenantData.child.pid] },
      { url: proxy.url + route, headers: auth, pids: [proxy.child.pid, tenantData.child.pid] },
      { url: gateway.url + route, headers: auth, pids: [gateway.child.pid, tenantData.child.pid] },
    ];
    // The floor answers what tenant-data answers, or it is no floor.
    const [bareBody, directBody] = await Promise.all(paths.slice(0, 2).map(async (p) => (await fetch(p.url, { headers: typeof p.headers === 'function' ? p.headers() : p.headers })).text()));
    if (bareBody !== directBody) {
      throw new Error(`the bare server's page differs from tenant-data's:\n${bareBody.slice(0, 300)}\n${directBody.slice(0, 300)}\n${tenantData.output().slice(-2000)}`);
    }
    await measure(paths, Math.min(requests, 600)); // warm-up
    const [floor, direct, viaProxy, viaGateway] = await measure(paths, requests);
    return [
      { path: 'bare node:http, same SQL and JSON (floor)', concurrency: CONCURRENCY, ...floor },
      { path: 'tenant-data directly', concurrency: CONCURRENCY, ...direct, ratio: direct.rps / floor.rps, ratioOf: 'bare (target ≥ 0.5)' },
      {
        path: 'through a bare node:http proxy that signs the caller context (CPU: proxy + tenant-data)', concurrency: CONCURRENCY, ...viaProxy,
        ratio: viaProxy.rps / direct.rps, ratioOf: 'tenant-data (what one more hop costs)',
      },
      {
        path: 'through the gateway (CPU: gateway + tenant-data)', concurrency: CONCURRENCY, ...viaGateway,
        ratio: viaGateway.rps / direct.rps, ratioOf: 'tenant-data (target ≥ 0.9)',
      },
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
