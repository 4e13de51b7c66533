// Privacy requests end to end, on the built platform run as processes (privacy, and every data
// owner the platform registers: tenant-data, identity, billing-integration and the helpdesk; a dev
// issuer for identity, a private nats-server):
//  1. Erasure of N client subjects (BENCH_PRIVACY_SUBJECTS, default 1000; 4 at the tiny size), each with 2 appointments
//     with notes, submitted to privacy's POST /api/v1/privacy/requests with a signed caller context
//     of the institute's owner, BENCH_PRIVACY_CONCURRENCY (32) in flight, and fanned out to every
//     registered owner. Latency is completed_at − received_at as the privacy database records it,
//     so it includes the time a request waits behind the others (a POST returns at 202); requests
//     per second = N / (last completed_at − first received_at). Baseline in the same run: the same
//     deletions done directly in SQL on tenant-data's database (appointments, then the client; one
//     transaction per subject) at the same concurrency, for another tenant's clients. Also the CPU
//     each service process spent per subject, which shows where the difference goes. Then one
//     erasure alone (ALONE subjects, each submitted once the one before completed) against one SQL
//     deletion alone, with the median time of each step of the request's trail since it was received.
//  2. Memory while an institute exports everything it holds (ADR 54: POST /api/v1/tenants/{id}/exports,
//     then the zip), once with a tenth of BENCH_PRIVACY_EXPORT_RECORDS (default 100,000; 40 tiny)
//     appointments with notes and once with all of them (10,000 and 100,000 by default), over clients
//     of 100 appointments each: resident memory of freshly started tenant-data and privacy processes
//     just before the export (baseline) against their peak while the owners upload their parts and
//     while the package is downloaded (VmHWM, reset before each phase, and VmRSS sampled every 50 ms),
//     next to the size of the exported data (the NDJSON parts), of the package, and the time each took.
//     The last rows give each process's growth from the small export to the large one (issue 17's
//     target: under 50 MB): bounded memory shows as a growth that does not follow the data.
// Every wait gives up after BENCH_PRIVACY_TIMEOUT_MS (180 s), naming what it waited for. Prints
// figures only: the seeded data is synthetic and no record, name or id is ever printed.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { fullPermissions, OwnerResultReported, PRIVACY_STREAM, RequestCommanded } from '@homi/contracts';
import { connectNats } from '@homi/messaging';
import { spawnDevIssuer } from '@homi/dev-issuer';
import { startMailCatcher } from '@homi/mail-catcher';
import { generateServiceKeyEnv, newId, parseSigningKey, signCaller, CALLER_HEADER } from '@homi/service-kit';
import { cpuProfilingEnv, createDatabase, dropDatabase, freePort, startPrivateNatsServer, startServiceProcess, uniqueName } from '@homi/testing';

/** Subjects to erase and appointments in the large export: full, or tiny for `npm test`'s run of every bench. */
const SIZES = {
  full: { subjects: Number(process.env.BENCH_PRIVACY_SUBJECTS ?? 1000), exportRecords: Number(process.env.BENCH_PRIVACY_EXPORT_RECORDS ?? 100_000) },
  tiny: { subjects: 4, exportRecords: 40 },
};
const CONCURRENCY = Number(process.env.BENCH_PRIVACY_CONCURRENCY ?? 32);
const TIMEOUT_MS = Number(process.env.BENCH_PRIVACY_TIMEOUT_MS ?? 180_000);
/** Every owner the platform registers with privacy (billing-integration and the helpdesk hold nothing of the bench's clients, and answer so). */
const OWNERS = ['billing-integration', 'helpdesk', 'identity', 'tenant-data'];
const SERVICES = ['privacy', 'tenant-data', 'identity', 'billing-integration', 'helpdesk'];
/** One erasure alone: this many subjects erased one after the other, each waited for before the next. */
const ALONE = 20;
/** BENCH_CPU_PROF_DIR=<dir>: the service processes write V8 CPU profiles there. */
const profiling = cpuProfilingEnv();
const root = path.resolve(import.meta.dirname, '../../..');
const MiB = 1024 * 1024;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const quantiles = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { p50ms: q(0.5), p99ms: q(0.99) };
};

/** Polls `check` every 200 ms until it returns a truthy value; on timeout fails naming `what` and the state `describe` gives. */
async function until(check, what, describe) {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${TIMEOUT_MS / 1000} s (BENCH_PRIVACY_TIMEOUT_MS) waiting for ${what}${describe ? `: ${await describe()}` : ''}`);
    }
    await sleep(200);
  }
}

// --- seeding tenant-data's database directly (superuser: row-level security does not apply) ---

/** `count` clients of `tenantId`, each with `appointmentsEach` appointments with notes; returns their ids. */
async function seedClients(db, tenantId, count, appointmentsEach) {
  const salt = newId('seed');
  await db.query(
    `insert into institutes (tenant_id, name, created_at, updated_at) values ($1, 'Bench institute', now(), now()) on conflict do nothing`,
    [tenantId],
  );
  const { rows } = await db.query(
    `insert into clients (id, tenant_id, name, email, phone, date_of_birth, address, notes, created_at, updated_at, last_activity_at)
     select 'cli_' || substr(md5($2 || g::text), 1, 20), $1, 'Bench Client ' || g, 'client' || g || '@example.test',
            '06' || lpad(g::text, 8, '0'), date '1970-01-01' + (g % 15000),
            jsonb_build_object('street', 'Benchstraat', 'houseNumber', g::text, 'postcode', '1234 AB', 'city', 'Utrecht', 'country', 'NL'),
            'Prefers mornings; synthetic benchmark client.', now(), now(), now()
       from generate_series(1, $3::int) g
     returning id`,
    [tenantId, salt, count],
  );
  const ids = rows.map((r) => r.id);
  await db.query(
    `insert into appointments (id, tenant_id, client_id, starts_at, ends_at, treatment, notes, created_at, updated_at)
     select 'apt_' || substr(md5(c.id || ':' || k), 1, 20), c.tenant_id, c.id,
            timestamptz '2020-01-01 09:00+01' + k * interval '1 hour', timestamptz '2020-01-01 10:00+01' + k * interval '1 hour',
            'Behandeling ' || (k % 7), 'Treatment note ' || k || ': ' || md5(c.id || k::text) || ' skin calm, advised follow-up.', now(), now()
       from clients c cross join generate_series(1, $3::int) k
      where c.tenant_id = $1 and c.id = any($2::text[])`,
    [tenantId, ids, appointmentsEach],
  );
  return ids;
}

// --- the two erasure paths ---

/** The caller context the gateway would send privacy for one request (ADR 38). */
function caller(user, tenantId, gateway, method, path) {
  return signCaller({ userId: user, tenantId, role: 'owner', permissions: fullPermissions(), realmRoles: [] }, gateway, { audience: 'privacy', method, path });
}

/** POSTs one request per client, CONCURRENCY in flight; returns the request ids (in order) and the 202's latencies. */
async function submitRequests(privacyUrl, sign, type, tenantId, clientIds, concurrency = CONCURRENCY) {
  const ids = new Array(clientIds.length);
  const latencies = [];
  let next = 0;
  const worker = async () => {
    while (next < clientIds.length) {
      const i = next++;
      const t = performance.now();
      const res = await fetch(`${privacyUrl}/api/v1/privacy/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CALLER_HEADER]: sign('POST', '/api/v1/privacy/requests') },
        body: JSON.stringify({ type, subject: { kind: 'client', tenantId, clientId: clientIds[i] } }),
      });
      const body = await res.json().catch(() => ({}));
      if (res.status !== 202) throw new Error(`POST /api/v1/privacy/requests answered ${res.status} ${body.type ?? ''}`);
      ids[i] = body.id;
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, clientIds.length) }, worker));
  return { ids, latencies };
}

/** What the privacy database says about a set of requests, for a clear failure message. */
async function requestState(privacyDb, ids) {
  const requests = await privacyDb.query(`select status, count(*)::int as n from requests where id = any($1) group by status order by status`, [ids]);
  const tasks = await privacyDb.query(
    `select owner, status, count(*)::int as n from request_tasks where request_id = any($1) group by owner, status order by owner, status`,
    [ids],
  );
  return `requests ${requests.rows.map((r) => `${r.status} ${r.n}`).join(', ') || 'none'}; tasks ${tasks.rows.map((r) => `${r.owner} ${r.status} ${r.n}`).join(', ') || 'none'}`;
}

async function waitCompleted(privacyDb, ids, what) {
  await until(
    async () => (await privacyDb.query(`select count(*)::int as n from requests where id = any($1) and status = 'completed'`, [ids])).rows[0].n === ids.length,
    what,
    () => requestState(privacyDb, ids),
  );
  const tasks = await privacyDb.query(
    `select owner, count(*)::int as n, count(*) filter (where status <> 'completed')::int as open from request_tasks where request_id = any($1) group by owner order by owner`,
    [ids],
  );
  const owners = tasks.rows.map((r) => r.owner);
  if (OWNERS.some((o) => !owners.includes(o)) || tasks.rows.some((r) => r.n !== ids.length || r.open)) {
    throw new Error(`${what}: not every request was answered by every owner (${await requestState(privacyDb, ids)})`);
  }
  return owners;
}

/** One erasure alone, `clientIds.length` times: each submitted once the one before completed; the latencies privacy recorded. */
async function eraseAloneViaPrivacy(privacyUrl, privacyDb, natsUrl, sign, tenantId, clientIds) {
  const since = new Date();
  const ids = [];
  for (const clientId of clientIds) {
    const { ids: [id] } = await submitRequests(privacyUrl, sign, 'erasure', tenantId, [clientId], 1);
    await until(
      async () => (await privacyDb.query(`select status from requests where id = $1`, [id])).rows[0]?.status === 'completed',
      'an erasure alone to complete',
      () => requestState(privacyDb, [id]),
    );
    ids.push(id);
  }
  const { rows } = await privacyDb.query(
    `select id, extract(epoch from received_at) * 1000 as received, extract(epoch from completed_at - received_at) * 1000 as ms from requests where id = any($1)`,
    [ids],
  );
  // Where the time goes: each step of the trail, as the median time since the request was received.
  const steps = await privacyDb.query(
    `select case when a.actor like 'usr\\_%' then 'requester' else a.actor end || ' ' || a.action as step, percentile_cont(0.5) within group (order by extract(epoch from a.at - r.received_at) * 1000) as ms
       from audit_events a join requests r on r.id = a.request_id where r.id = any($1) group by 1 order by 2`,
    [ids],
  );
  const timeline = steps.rows.map((r) => `${r.step} +${Math.round(Number(r.ms))}`).join(', ');
  const published = await publishedSinceReceived(natsUrl, since, new Map(rows.map((r) => [r.id, Number(r.received)])));
  return { subjects: rows.length, ...quantiles(rows.map((r) => Number(r.ms))), timeline, published };
}

/**
 * The other half of the trail: when the command and each owner's answer entered the PRIVACY stream
 * (JetStream's own timestamps), as the median time since the request was received. Between the trail's
 * steps and these lie the relays (commit → stream) and the consumers (stream → handler).
 */
async function publishedSinceReceived(natsUrl, since, receivedAt) {
  const nc = await connectNats({ url: natsUrl, name: 'privacy-bench-trail' });
  try {
    const consumer = await jetstream(nc).consumers.get(PRIVACY_STREAM.name, { deliver_policy: DeliverPolicy.StartTime, opt_start_time: since.toISOString() });
    const times = new Map();
    for await (const msg of await consumer.fetch({ max_messages: 10_000, expires: 2_000 })) {
      const at = receivedAt.get(msg.json().requestId);
      const owner = OwnerResultReported.ownerOf(msg.subject);
      const step = owner ? `${owner} answer` : msg.subject === RequestCommanded.subject ? 'command' : undefined;
      if (at !== undefined && step) (times.get(step) ?? times.set(step, []).get(step)).push(Number(msg.timestampNanos / 1_000_000n) - at);
      if (msg.info.pending === 0) break;
    }
    return [...times].map(([step, ms]) => [step, quantiles(ms).p50ms]).sort((a, b) => a[1] - b[1]).map(([step, ms]) => `${step} +${Math.round(ms)}`).join(', ');
  } finally {
    await nc.close();
  }
}

/** Erasure through privacy: submit, wait for every owner's answer, read the latencies privacy recorded. */
async function eraseViaPrivacy(privacyUrl, privacyDb, tenantDb, sign, tenantId, clientIds) {
  const { ids, latencies: submit } = await submitRequests(privacyUrl, sign, 'erasure', tenantId, clientIds);
  const owners = await waitCompleted(privacyDb, ids, `${ids.length} erasure requests to complete`);
  const { rows } = await privacyDb.query(
    `select extract(epoch from completed_at - received_at) * 1000 as ms, extract(epoch from received_at) * 1000 as received, extract(epoch from completed_at) * 1000 as completed
       from requests where id = any($1)`,
    [ids],
  );
  const left = await tenantDb.query(
    `select (select count(*) from clients where tenant_id = $1 and id = any($2))::int as clients,
            (select count(*) from appointments where tenant_id = $1 and client_id = any($2))::int as appointments`,
    [tenantId, clientIds],
  );
  if (left.rows[0].clients || left.rows[0].appointments) {
    throw new Error(`erasure completed but tenant-data still holds ${left.rows[0].clients} clients and ${left.rows[0].appointments} appointments of the subjects`);
  }
  const ms = Math.max(...rows.map((r) => Number(r.completed))) - Math.min(...rows.map((r) => Number(r.received)));
  return { owners, subjects: rows.length, ms, perSec: (rows.length / ms) * 1000, ...quantiles(rows.map((r) => Number(r.ms))), submitP50ms: quantiles(submit).p50ms };
}

/** The same deletions directly in SQL: one transaction per subject, CONCURRENCY connections. */
async function eraseInSql(pool, tenantId, clientIds, concurrency = CONCURRENCY) {
  const latencies = [];
  let next = 0;
  const worker = async () => {
    const db = await pool.connect();
    try {
      while (next < clientIds.length) {
        const clientId = clientIds[next++];
        const t = performance.now();
        await db.query('begin');
        try {
          await db.query('delete from appointments where tenant_id = $1 and client_id = $2', [tenantId, clientId]);
          const deleted = await db.query('delete from clients where tenant_id = $1 and id = $2', [tenantId, clientId]);
          if (deleted.rowCount !== 1) throw new Error('a seeded client was missing');
          await db.query('commit');
        } catch (err) {
          await db.query('rollback');
          throw err;
        }
        latencies.push(performance.now() - t);
      }
    } finally {
      db.release();
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, clientIds.length) }, worker));
  const ms = performance.now() - t0;
  return { subjects: latencies.length, ms, perSec: (latencies.length / ms) * 1000, ...quantiles(latencies) };
}

// --- CPU and resident memory of the service processes ---

/** CPU time (user + system) a process has used, in ms; /proc/<pid>/stat counts in clock ticks of 10 ms. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function vm(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);
  return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
}

/** Writing 5 to clear_refs resets VmHWM to the current RSS (Linux ≥ 4.0); false where refused. */
function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Peak RSS per process, by phase: VmHWM since the phase began (when it can be reset) and VmRSS sampled every 50 ms. */
function watchMemory(procs) {
  const state = procs.map((p) => ({ name: p.name, pid: p.child.pid, peak: 0, hwm: false }));
  const begin = () => {
    for (const s of state) {
      s.hwm = resetPeak(s.pid);
      s.peak = vm(s.pid).rss;
    }
  };
  const sample = () => {
    for (const s of state) s.peak = Math.max(s.peak, vm(s.pid).rss);
  };
  begin();
  const timer = setInterval(sample, 50);
  return {
    /** The peaks since the phase began, by process name; starts the next phase. */
    cut() {
      sample();
      const peaks = Object.fromEntries(state.map((s) => [s.name, Math.max(s.peak, s.hwm ? vm(s.pid).hwm : 0)]));
      begin();
      return peaks;
    },
    stop: () => clearInterval(timer),
  };
}

/** Streams the body to /dev/null, counting bytes; checks the zip's end-of-central-directory record. */
async function download(url, headers) {
  const res = await fetch(url, { headers });
  if (res.status !== 200 || !res.body) throw new Error(`GET …/export answered ${res.status}`);
  let bytes = 0;
  let tail = Buffer.alloc(0);
  const count = new Transform({
    transform(chunk, _enc, done) {
      bytes += chunk.length;
      tail = Buffer.concat([tail, chunk]).subarray(-22);
      done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(res.body), count, createWriteStream('/dev/null'));
  if (tail.length < 22 || tail.readUInt32LE(0) !== 0x06054b50) throw new Error('the export package does not end in a zip end-of-central-directory record');
  return bytes;
}

async function exportOne(privacyUrl, privacyDb, sign, tenantId, procs) {
  const before = Object.fromEntries(procs.map((p) => [p.name, vm(p.child.pid).rss]));
  const watch = watchMemory(procs);
  try {
    const path = `/api/v1/tenants/${tenantId}/exports`;
    const res = await fetch(`${privacyUrl}${path}`, { method: 'POST', headers: { [CALLER_HEADER]: sign('POST', path) } });
    const body = await res.json().catch(() => ({}));
    if (res.status !== 202) throw new Error(`POST ${'/api/v1/tenants/{id}/exports'} answered ${res.status} ${body.type ?? ''}`);
    const id = body.id;
    await waitCompleted(privacyDb, [id], 'the institute export to complete');
    const upload = watch.cut();
    const t = performance.now();
    const packageBytes = await download(`${privacyUrl}${path}/${id}`, { [CALLER_HEADER]: sign('GET', `${path}/${id}`) });
    const downloadMs = performance.now() - t;
    const downloadPeaks = watch.cut();
    const request = await privacyDb.query(`select extract(epoch from completed_at - received_at) * 1000 as ms from requests where id = $1`, [id]);
    const parts = await privacyDb.query(`select coalesce(sum(bytes), 0)::bigint as bytes, coalesce(sum(records), 0)::int as records from export_uploads where request_id = $1 and completed_at is not null`, [id]);
    return {
      before,
      upload,
      download: downloadPeaks,
      exportMs: Number(request.rows[0].ms),
      downloadMs,
      packageBytes,
      dataBytes: Number(parts.rows[0].bytes),
      records: parts.rows[0].records,
    };
  } catch (err) {
    // The services log at warn without personal data: their last lines say why an owner failed.
    const logs = procs.map((p) => `${p.name}:\n${p.output().split('\n').slice(-15).join('\n')}`).join('\n');
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${logs}`);
  } finally {
    watch.stop();
  }
}

export default async function bench({ databaseUrl, size = 'full' }) {
  const { subjects: SUBJECTS, exportRecords: EXPORT_RECORDS } = SIZES[size];
  const WARMUP = Math.min(32, SUBJECTS);
  // Generated keys, as in production: each service signs with its own; the bench signs as the gateway.
  const keys = generateServiceKeyEnv(undefined, 'bench');
  const gateway = { service: 'gateway', signing: parseSigningKey(keys.signing.gateway.GATEWAY_SIGNING_KEY) };
  const names = {
    tenantData: uniqueName('homi_bench_pr_td'), identity: uniqueName('homi_bench_pr_id'), privacy: uniqueName('homi_bench_pr_pr'),
    billing: uniqueName('homi_bench_pr_bi'), helpdesk: uniqueName('homi_bench_pr_hd'),
  };
  const running = new Map();
  const pools = [];
  let nats;
  let issuer;
  let catcher;
  try {
    const urls = {
      tenantData: await createDatabase(databaseUrl, names.tenantData),
      identity: await createDatabase(databaseUrl, names.identity),
      privacy: await createDatabase(databaseUrl, names.privacy),
      billing: await createDatabase(databaseUrl, names.billing),
      helpdesk: await createDatabase(databaseUrl, names.helpdesk),
    };
    // A private nats-server: privacy-kit's durables are shared by name, so another platform on the
    // machine's NATS would take these commands as a replica would.
    nats = await startPrivateNatsServer();
    issuer = await spawnDevIssuer();
    // privacy keeps its port across restarts, so the owners' PRIVACY_URL stays right.
    const privacyUrl = `http://127.0.0.1:${await freePort()}`;
    // privacy mails the requester when a request completes (ADR 51): the address from identity, the mail to a catcher.
    // Fixed ports for the services others call, so a restarted one is found again.
    const identityPort = await freePort();
    const tenantDataPort = await freePort();
    const helpdeskPort = await freePort();
    catcher = await startMailCatcher();
    const common = {
      NATS_URL: nats.url, SERVICE_TRUSTED_KEYS: keys.trusted, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...profiling,
      // V8 options for the services, to see how heap sizing moves the memory figures (e.g. `--max-semi-space-size=2`).
      ...(process.env.BENCH_PRIVACY_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_PRIVACY_NODE_OPTIONS } : {}),
      // And allocator settings (`NAME=value,…`, e.g. `MALLOC_ARENA_MAX=2,MALLOC_MMAP_THRESHOLD_=131072`).
      ...Object.fromEntries((process.env.BENCH_PRIVACY_SERVICE_ENV ?? '').split(',').filter(Boolean).map((kv) => kv.split('='))),
    };
    const env = {
      // Only the owners this bench runs (ADR 42: privacy waits for every configured owner).
      privacy: {
        PRIVACY_DATABASE_URL: urls.privacy, PRIVACY_OWNERS: OWNERS.join(','),
        IDENTITY_URL: `http://127.0.0.1:${identityPort}`, SMTP_URL: catcher.smtpUrl, WEB_BASE_URL: 'https://app.homi.test',
      },
      // Production refuses the development health-data key (ADR 50): one of the bench's own.
      // and an SMTP server for appointment mails (ADR 53): the catcher.
      'tenant-data': {
        TENANT_DATA_DATABASE_URL: urls.tenantData, PRIVACY_URL: privacyUrl, HEALTH_DATA_KEK: randomBytes(32).toString('base64'), HEALTH_DATA_KEK_ID: 'bench',
        SMTP_URL: catcher.smtpUrl,
      },
      // The development identity provider is refused in production; NODE_ENV only gates configuration.
      identity: {
        NODE_ENV: 'development', IDENTITY_DATABASE_URL: urls.identity, PRIVACY_URL: privacyUrl,
        IDENTITY_PROVIDER: 'dev', DEV_ISSUER_URL: issuer.url, DEV_ISSUER_ADMIN_SECRET: issuer.adminSecret, HELPDESK_URL: `http://127.0.0.1:${helpdeskPort}`,
      },
      // No institute of the bench connects FactuurSturen: billing-integration erases nothing there, and calls nobody.
      'billing-integration': {
        BILLING_INTEGRATION_DATABASE_URL: urls.billing, PRIVACY_URL: privacyUrl, TENANT_DATA_URL: `http://127.0.0.1:${tenantDataPort}`,
        BILLING_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
      },
      helpdesk: {
        HELPDESK_DATABASE_URL: urls.helpdesk, PRIVACY_URL: privacyUrl, IDENTITY_URL: `http://127.0.0.1:${identityPort}`,
        SMTP_URL: catcher.smtpUrl, WEB_BASE_URL: 'https://app.homi.test', HELPDESK_SUPPORT_MAIL: 'support@homi.test',
      },
    };
    const ports = { privacy: Number(new URL(privacyUrl).port), identity: identityPort, 'tenant-data': tenantDataPort, helpdesk: helpdeskPort };
    const start = async (name) => {
      await running.get(name)?.stop();
      running.delete(name);
      const port = ports[name];
      running.set(name, await startServiceProcess({ name, port, entry: path.join(root, `services/${name}/dist/main.js`), env: { ...common, ...keys.signing[name], ...env[name] } }));
      return running.get(name);
    };
    for (const name of SERVICES) await start(name);

    const tenantDb = new pg.Pool({ connectionString: urls.tenantData, max: CONCURRENCY });
    const privacyDb = new pg.Pool({ connectionString: urls.privacy, max: 2 });
    pools.push(tenantDb, privacyDb);
    // pg-pool's end() resolves once its clients are told to close, before Postgres has seen them go;
    // dropDatabase's pg_terminate_backend can then reach one, and an idle client's error is emitted
    // on its pool, which exits the process without a listener (a CI run of the tiny bench died so).
    // An idle connection lost is no failure of the bench: pg discards it and opens another.
    for (const pool of pools) pool.on('error', () => undefined);
    // Requests received before an owner has announced itself would wait for the scheduler.
    await until(
      async () => {
        const { rows } = await privacyDb.query('select owner from owners');
        return OWNERS.every((o) => rows.some((r) => r.owner === o));
      },
      `owners ${OWNERS.join(', ')} to register with privacy`,
      async () => `registered: ${(await privacyDb.query('select owner from owners order by owner')).rows.map((r) => r.owner).join(', ') || 'none'}`,
    );

    const viaPrivacy = { tenantId: newId('ten'), user: newId('usr') };
    const inSql = { tenantId: newId('ten') };
    const alone = Math.min(ALONE, SUBJECTS);
    const privacyClients = await seedClients(tenantDb, viaPrivacy.tenantId, SUBJECTS + WARMUP + alone, 2);
    const sqlClients = await seedClients(tenantDb, inSql.tenantId, SUBJECTS + WARMUP + alone, 2);
    // A tenth-size export next to the full one (10,000 and 100,000 appointments) shows how memory scales with the data.
    const exportSizes = [Math.max(1, Math.round(EXPORT_RECORDS / 10)), EXPORT_RECORDS];
    const exporting = [];
    for (const size of exportSizes) {
      const institute = { tenantId: newId('ten'), user: newId('usr') };
      const clients = Math.max(1, Math.round(size / 100));
      await seedClients(tenantDb, institute.tenantId, clients, Math.round(size / clients));
      exporting.push(institute);
    }
    await tenantDb.query('analyze institutes, clients, appointments');

    // 1. Erasure: SQL baseline first, then through privacy; each after a short warm-up.
    await eraseInSql(tenantDb, inSql.tenantId, sqlClients.slice(0, WARMUP));
    const sql = await eraseInSql(tenantDb, inSql.tenantId, sqlClients.slice(WARMUP, WARMUP + SUBJECTS));
    const sign = (method, path) => caller(viaPrivacy.user, viaPrivacy.tenantId, gateway, method, path);
    await eraseViaPrivacy(privacyUrl, privacyDb, tenantDb, sign, viaPrivacy.tenantId, privacyClients.slice(0, WARMUP));
    const procs = [...running.values()];
    const cpuBefore = procs.map((p) => cpuMs(p.child.pid));
    const erasure = await eraseViaPrivacy(privacyUrl, privacyDb, tenantDb, sign, viaPrivacy.tenantId, privacyClients.slice(WARMUP, WARMUP + SUBJECTS));
    // Where the cost lies: CPU each service process spent per erased subject (Postgres and NATS not included).
    const cpuPerSubject = procs.map((p, i) => `${p.name} ${((cpuMs(p.child.pid) - cpuBefore[i]) / erasure.subjects).toFixed(1)}`).join(', ');
    // One erasure alone (1 in flight), against one SQL deletion alone: nothing should wait on a poll interval.
    const sqlAlone = await eraseInSql(tenantDb, inSql.tenantId, sqlClients.slice(WARMUP + SUBJECTS), 1);
    const privacyAlone = await eraseAloneViaPrivacy(privacyUrl, privacyDb, nats.url, sign, viaPrivacy.tenantId, privacyClients.slice(WARMUP + SUBJECTS));

    // 2. Exports, each by freshly started tenant-data and privacy processes, so that neither the
    // erasures nor the other export leave their heap behind in the baseline.
    const memoryRows = [];
    const growth = {};
    for (const [i, size] of exportSizes.entries()) {
      const privacy = await start('privacy');
      const tenantData = await start('tenant-data');
      const sign = (method, path) => caller(exporting[i].user, exporting[i].tenantId, gateway, method, path);
      const ex = await exportOne(privacyUrl, privacyDb, sign, exporting[i].tenantId, [tenantData, privacy]);
      for (const name of ['tenant-data', 'privacy']) {
        const peak = Math.max(ex.upload[name], ex.download[name]);
        (growth[name] ??= []).push((peak - ex.before[name]) / MiB);
        memoryRows.push({
          path: `institute export of ${size} appointments (${ex.records} records): ${name} RSS`,
          baseMiB: ex.before[name] / MiB,
          uploadPeakMiB: ex.upload[name] / MiB,
          downloadPeakMiB: ex.download[name] / MiB,
          growthMiB: (peak - ex.before[name]) / MiB,
          dataMiB: ex.dataBytes / MiB,
          packageMiB: ex.packageBytes / MiB,
          exportMs: ex.exportMs,
          downloadMs: ex.downloadMs,
        });
      }
    }
    for (const name of ['tenant-data', 'privacy']) {
      const [small, large] = growth[name];
      memoryRows.push({ path: `institute export: ${name} RSS growth from ${exportSizes[0]} to ${exportSizes[1]} appointments (target < 50 MB)`, growthMiB: large - small });
    }

    return [
      { path: 'erasure: SQL deletes on tenant-data directly (baseline)', subjects: sql.subjects, concurrency: CONCURRENCY, perSec: sql.perSec, p50ms: sql.p50ms, p99ms: sql.p99ms, throughputRatio: 1, p50Ratio: 1 },
      {
        path: `erasure: requests via privacy → ${erasure.owners.join(' + ')} (+ privacy's own purge)`,
        subjects: erasure.subjects, concurrency: CONCURRENCY, perSec: erasure.perSec, p50ms: erasure.p50ms, p99ms: erasure.p99ms,
        throughputRatio: erasure.perSec / sql.perSec, p50Ratio: erasure.p50ms / sql.p50ms, submitP50ms: erasure.submitP50ms,
        cpuMsPerSubject: cpuPerSubject,
      },
      { path: 'erasure alone (1 in flight): SQL deletes on tenant-data directly (baseline)', subjects: sqlAlone.subjects, concurrency: 1, p50ms: sqlAlone.p50ms, p99ms: sqlAlone.p99ms, p50Ratio: 1 },
      {
        path: `erasure alone (1 in flight): a request via privacy → ${erasure.owners.join(' + ')} (target p50 ≤ 25 × the baseline)`,
        subjects: privacyAlone.subjects, concurrency: 1, p50ms: privacyAlone.p50ms, p99ms: privacyAlone.p99ms, p50Ratio: privacyAlone.p50ms / sqlAlone.p50ms,
        medianMsSinceReceived: privacyAlone.timeline,
        publishedMsSinceReceived: privacyAlone.published,
      },
      ...memoryRows,
    ];
  } finally {
    for (const name of [...SERVICES].reverse()) await running.get(name)?.stop().catch(() => undefined);
    await issuer?.stop().catch(() => undefined);
    await catcher?.stop().catch(() => undefined);
    await nats?.dispose().catch(() => undefined);
    for (const pool of pools) await pool.end().catch(() => undefined);
    for (const name of Object.values(names)) await dropDatabase(databaseUrl, name).catch(() => undefined);
  }
}
