import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { passwordGrant, startPrivatePostgres, type PrivatePostgres } from '@homi/testing';
import { client, FACTUURSTUREN_ACCOUNT, startPlatform, type Institute, type Platform, type PlatformOptions } from './platform';

// Issue 19's soak (`npm run soak [-- minutes]`, not part of npm test: it is skipped unless
// HOMI_SOAK_MINUTES is set). The platform as separate processes on a Postgres of its own, under the
// mixed load of a salon's day for the given minutes (default 30; each desk signs in again every 4
// minutes, so a 401 counts as a fault): sign-ins, client, appointment and
// invoice writes, list reads, helpdesk tickets, access and erasure requests. Every process the
// platform started (services, issuer, nats-server, catcher, simulator) is sampled every 5 s: RSS and
// open file descriptors from /proc. The samples go to a CSV and an HTML page with an SVG plot of
// RSS over time per process (.homi/soak/). Asserted: no 5xx, and after the warm-up (the first fifth
// of the run, at least 2 minutes) no service's RSS grows by more than 40 MiB and no process's open
// descriptors by more than 50 from the start of the window to its end (medians of the first and
// last tenths of the window, so one garbage-collection cycle does not decide).
// HOMI_SOAK_SERVICE_ENV (JSON, e.g. `{"billing":{"NODE_OPTIONS":"--heapsnapshot-signal=SIGUSR2"}}`)
// gives services more environment, to look into a process that grows.

const MINUTES = Number(process.env.HOMI_SOAK_MINUTES ?? 0);
const SAMPLE_MS = 5000;
const RSS_GROWTH_LIMIT_MIB = 40;
const FD_GROWTH_LIMIT = 50;
const soak = MINUTES > 0 ? describe : describe.skip;

interface Sample { at: number; process: string; rssMiB: number; fds: number }

let pg: PrivatePostgres;
let p: Platform;

soak(`soak: ${MINUTES || 30} minutes of a salon's day`, () => {
  beforeAll(async () => {
    pg = await startPrivatePostgres();
    p = await startPlatform({ databaseUrl: pg.url, serviceEnv: JSON.parse(process.env.HOMI_SOAK_SERVICE_ENV ?? '{}') as PlatformOptions['serviceEnv'] });
  }, 180_000);

  afterAll(async () => {
    await p?.stop();
    await pg?.dispose();
  }, 60_000);

  it('keeps every process flat after the warm-up, with no 5xx', async () => {
    const institutes = await Promise.all(['Salon Lang', 'Salon Duur'].map((name) => p.signup(name)));
    for (const institute of institutes) {
      const res = await client(p.gateway, institute.ownerToken).put(`/tenants/${institute.tenantId}/integrations/factuursturen`, { ...FACTUURSTUREN_ACCOUNT, shareClientData: true });
      expect(res.status).toBe(200);
    }
    const tally = { sent: 0, byStatus: new Map<string, number>(), faults: [] as string[] };
    const samples: Sample[] = [];
    const started = Date.now();
    const until = started + MINUTES * 60_000;
    const sampler = setInterval(() => samples.push(...sampleChildren(started)), SAMPLE_MS);
    samples.push(...sampleChildren(started));
    try {
      await Promise.all(institutes.flatMap((institute, i) => [0, 1].map((w) => salonDay(i * 2 + w, institute, tally, () => Date.now() < until))));
    } finally {
      clearInterval(sampler);
    }
    samples.push(...sampleChildren(started));

    const report = writeReport(samples, tally);
    process.stdout.write(`${report.summary}\nplot: ${report.html}\nsamples: ${report.csv}\n`);
    expect(tally.faults).toEqual([]);
    expect(report.grownTooMuch).toEqual([]);
  }, (MINUTES || 1) * 60_000 + 300_000);
});

/** One worker's endless day at the desk: a mix of what an institute does, one request at a time. */
async function salonDay(worker: number, institute: Institute, tally: { sent: number; byStatus: Map<string, number>; faults: string[] }, running: () => boolean): Promise<void> {
  const t = institute.tenantId;
  // Access tokens live 5 minutes (the issuer's default, as Keycloak's): the desk signs in again
  // every 4 minutes, as the web app renews its token, so the load is not a stream of 401s.
  let api = client(p.gateway, institute.ownerToken);
  let signedInAt = Date.now();
  const mine: string[] = [];
  let n = 0;
  const send = async <T extends { status: number; body?: unknown }>(what: string, call: () => Promise<T>): Promise<T | undefined> => {
    tally.sent++;
    try {
      const res = await call();
      // 2xx counted by status; anything else by status and what was asked, to tell a load error from a fault.
      const key = res.status < 300 ? String(res.status) : `${res.status} ${what}`;
      tally.byStatus.set(key, (tally.byStatus.get(key) ?? 0) + 1);
      if (res.status >= 500 || res.status === 401) tally.faults.push(`${what} ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      return res;
    } catch (err) {
      tally.faults.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  };
  while (running()) {
    n++;
    if (Date.now() - signedInAt > 240_000) {
      const token = await passwordGrant(p.issuer, institute.owner.email, institute.owner.password).then((x) => x.access_token, () => undefined);
      if (token) {
        api = client(p.gateway, token);
        signedInAt = Date.now();
      }
    }
    const op = n % 10;
    if (op === 0) {
      const token = await passwordGrant(p.issuer, institute.owner.email, institute.owner.password).then((x) => x.access_token, () => undefined);
      if (token) await send('me', () => client(p.gateway, token).get('/me'));
    } else if (op <= 3) {
      const marker = `Soak ${worker}-${n}-${randomBytes(3).toString('hex')}`;
      const res = await send('client', () => api.post(`/tenants/${t}/clients`, { name: marker, email: `${marker.replace(/\W+/g, '.').toLowerCase()}@example.nl`, phone: '0612345678' }));
      if (res?.status === 201) mine.push((res.body as { id: string }).id);
    } else if (op === 4 && mine.length > 0) {
      const day = new Date(Date.UTC(2027, 0, 1) + ((worker * 7919 + n) % 300) * 86_400_000).toISOString().slice(0, 10);
      const minute = String((n * 5) % 60).padStart(2, '0');
      // A free-text treatment has no duration: the end is given (ADR 46).
      const hour = String(7 + (worker % 4) * 3).padStart(2, '0');
      await send('appointment', () => api.post(`/tenants/${t}/appointments`, { clientId: mine[mine.length - 1], startsAt: `${day}T${hour}:${minute}:00Z`, endsAt: `${day}T${String(Number(hour) + 1).padStart(2, '0')}:${minute}:00Z`, treatment: 'Knippen' }));
    } else if (op === 5) {
      await send('client list', () => api.get(`/tenants/${t}/clients?limit=50`));
      await send('agenda', () => api.get(`/tenants/${t}/appointments?limit=50`));
    } else if (op === 6 && mine.length > 0 && n % 30 === 6) {
      await send('invoice', () => api.post(`/tenants/${t}/invoices`, { clientId: mine[mine.length - 1], lines: [{ description: 'Knippen', quantity: 1, unitPriceCents: 3500, taxRate: 21 }] }));
    } else if (op === 7 && n % 50 === 7) {
      await send('ticket', () => api.post(`/tenants/${t}/tickets`, { subject: `Vraag ${n}`, category: 'question', message: 'Hoe verzet ik een afspraak?' }));
    } else if (op === 8 && mine.length > 2 && n % 40 === 8) {
      const clientId = mine.shift()!;
      await send('access', () => api.post('/privacy/requests', { type: 'access', subject: { kind: 'client', tenantId: t, clientId } }));
      await send('erasure', () => api.post('/privacy/requests', { type: 'erasure', subject: { kind: 'client', tenantId: t, clientId } }));
    } else {
      await send('audit log', () => api.get(`/tenants/${t}/audit-log?limit=20`));
    }
    await sleep(40);
  }
}

/** RSS and open descriptors of every process this test process started (the platform's children). */
function sampleChildren(started: number): Sample[] {
  const at = Math.round((Date.now() - started) / 1000);
  const out: Sample[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== process.pid) continue;
      const rssKiB = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      out.push({ at, process: nameOf(pid), rssMiB: Math.round(rssKiB / 102.4) / 10, fds: readdirSync(`/proc/${pid}/fd`).length });
    } catch {
      // The process ended between listing and reading (a restart): no sample.
    }
  }
  return out;
}

function nameOf(pid: string): string {
  const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const service = cmd.map((part) => /(services|libs)\/([a-z-]+)\//.exec(part)?.[2]).find(Boolean);
  return service ?? path.basename(cmd[0] ?? pid);
}

function writeReport(samples: Sample[], tally: { sent: number; byStatus: Map<string, number> }) {
  const dir = path.resolve(__dirname, '../../.homi/soak');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const csv = path.join(dir, `soak-${stamp}.csv`);
  const html = path.join(dir, `soak-${stamp}.html`);
  writeFileSync(csv, ['seconds,process,rss_mib,open_fds', ...samples.map((s) => `${s.at},${s.process},${s.rssMiB},${s.fds}`)].join('\n') + '\n');

  const byProcess = new Map<string, Sample[]>();
  for (const s of samples) byProcess.set(s.process, [...(byProcess.get(s.process) ?? []), s]);
  const end = Math.max(...samples.map((s) => s.at));
  const warmUp = Math.max(120, end / 5);
  const lines: string[] = [];
  const grownTooMuch: string[] = [];
  for (const [name, series] of [...byProcess].sort()) {
    const window = series.filter((s) => s.at >= warmUp);
    const tenth = Math.max(1, Math.floor(window.length / 10));
    const first = window.slice(0, tenth);
    const last = window.slice(-tenth);
    const rssGrowth = median(last.map((s) => s.rssMiB)) - median(first.map((s) => s.rssMiB));
    const fdGrowth = median(last.map((s) => s.fds)) - median(first.map((s) => s.fds));
    const peak = Math.max(...series.map((s) => s.rssMiB));
    lines.push(`${name.padEnd(28)} rss after warm-up ${median(first.map((s) => s.rssMiB)).toFixed(1)} → ${median(last.map((s) => s.rssMiB)).toFixed(1)} MiB (growth ${rssGrowth.toFixed(1)}, peak ${peak.toFixed(1)}), open fds growth ${fdGrowth}`);
    const isService = !/nats-server|postgres/.test(name);
    if (window.length > 1 && isService && rssGrowth > RSS_GROWTH_LIMIT_MIB) grownTooMuch.push(`${name}: RSS +${rssGrowth.toFixed(1)} MiB`);
    if (window.length > 1 && fdGrowth > FD_GROWTH_LIMIT) grownTooMuch.push(`${name}: open fds +${fdGrowth}`);
  }
  const statuses = [...tally.byStatus].sort().map(([k, v]) => `${k}: ${v}`).join(', ');
  const summary = `soak: ${MINUTES} min, ${tally.sent} requests (${statuses}), warm-up ${Math.round(warmUp)} s\n${lines.join('\n')}`;
  writeFileSync(html, plot(byProcess, end, warmUp, summary));
  return { csv, html, summary, grownTooMuch };
}

/** A self-contained page: one SVG line per process, RSS (MiB) over minutes, the warm-up shaded. */
function plot(byProcess: Map<string, Sample[]>, end: number, warmUp: number, summary: string): string {
  const width = 960, height = 480, left = 60, bottom = 40, top = 20, right = 220;
  const maxRss = Math.max(50, ...[...byProcess.values()].flat().map((s) => s.rssMiB));
  const x = (sec: number) => left + (sec / Math.max(1, end)) * (width - left - right);
  const y = (mib: number) => top + (1 - mib / maxRss) * (height - top - bottom);
  const colours = ['#1b6ca8', '#c0392b', '#27ae60', '#8e44ad', '#d35400', '#16a085', '#2c3e50', '#b7950b', '#7f8c8d', '#e84393'];
  const series = [...byProcess].sort().map(([name, s], i) => {
    const colour = colours[i % colours.length];
    const points = s.map((p) => `${x(p.at).toFixed(1)},${y(p.rssMiB).toFixed(1)}`).join(' ');
    return `<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${points}"/>` +
      `<text x="${width - right + 10}" y="${top + 16 * (i + 1)}" fill="${colour}" font-size="12">${escape(name)}</text>`;
  }).join('\n');
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => `<text x="${left - 8}" y="${y(maxRss * f) + 4}" font-size="11" text-anchor="end">${Math.round(maxRss * f)}</text><line x1="${left}" x2="${width - right}" y1="${y(maxRss * f)}" y2="${y(maxRss * f)}" stroke="#eee"/>`).join('');
  const minutes = Math.ceil(end / 60);
  const step = Math.max(1, Math.ceil(minutes / 10));
  const xTicks = Array.from({ length: Math.floor(minutes / step) + 1 }, (_, i) => i * step).map((m) => `<text x="${x(m * 60)}" y="${height - bottom + 16}" font-size="11" text-anchor="middle">${m}</text>`).join('');
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>HOMi soak: RSS per process</title>
<body style="font-family:sans-serif"><h1>HOMi soak: RSS per process</h1>
<svg width="${width}" height="${height}" role="img" aria-label="RSS in MiB over minutes per process">
<rect x="${left}" y="${top}" width="${x(warmUp) - left}" height="${height - top - bottom}" fill="#f4f4f4"/>
${yTicks}${xTicks}
<text x="${(left + width - right) / 2}" y="${height - 4}" font-size="12" text-anchor="middle">minutes (warm-up shaded)</text>
<text x="14" y="${height / 2}" font-size="12" transform="rotate(-90 14 ${height / 2})" text-anchor="middle">RSS (MiB)</text>
${series}
</svg><pre>${escape(summary)}</pre></body></html>\n`;
}

const median = (xs: number[]) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
