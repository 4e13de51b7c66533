import request from 'supertest';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { GATEWAY_STREAM, GatewayUsageReported, MAX_USAGE_REPORT_COUNTS } from '@homi/contracts';
import { connectNats, ensureStream } from '@homi/messaging';
import { createLogger, newId } from '@homi/service-kit';
import { startPrivateNatsServer } from '@homi/testing';
import { UsageReporter } from '../src/infrastructure/usage-reporter';
import { membership } from './support/fakes';
import { startHarness, type Harness } from './support/harness';

/** The reports on the GATEWAY stream after `afterSequence` (the stream may be shared with other suites). */
async function reportsAfter(jsm: JetStreamManager, afterSequence: number): Promise<{ msgId: string; report: GatewayUsageReported }[]> {
  const last = (await jsm.streams.info(GATEWAY_STREAM.name)).state.last_seq;
  const found: { msgId: string; report: GatewayUsageReported }[] = [];
  for (let seq = afterSequence + 1; seq <= last; seq++) {
    const m = await jsm.streams.getMessage(GATEWAY_STREAM.name, { seq }).catch(() => null);
    if (m?.subject === GatewayUsageReported.subject) found.push({ msgId: m.header?.get('Nats-Msg-Id') ?? '', report: GatewayUsageReported.schema.parse(m.json()) });
  }
  return found;
}

const lastSequence = async (jsm: JetStreamManager) => (await jsm.streams.info(GATEWAY_STREAM.name)).state.last_seq;
const silent = createLogger({ service: 'gateway', level: 'silent' });

describe('the gateway counts tenant calls', () => {
  let h: Harness;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    h = await startHarness();
    jsm = await jetstreamManager(h.gateway.nc);
  });
  afterAll(() => h.stop());

  it('per tenant and route module once authorised, and reports them on the GATEWAY stream', async () => {
    const tenant = newId('ten');
    const viewer = newId('usr');
    const outsider = newId('usr');
    const agendaOnly = newId('usr');
    await h.putMembership(membership(viewer, tenant, { clients: 'view' }));
    await h.putMembership(membership(agendaOnly, tenant, { agenda: 'edit' }));
    await new Promise((r) => setTimeout(r, 300));
    const auth = async (userId: string) => `Bearer ${await h.issuer.token(userId)}`;
    await h.gateway.usage.flush();
    const before = await lastSequence(jsm);

    for (let i = 0; i < 3; i++) expect((await request(h.url).get(`/api/v1/tenants/${tenant}/clients`).set('authorization', await auth(viewer))).status).toBe(200);
    expect((await request(h.url).get(`/api/v1/tenants/${tenant}`).set('authorization', await auth(viewer))).status).toBe(200);
    // Refused calls are not use: a non-member (404), a member without the module (403), no token (401).
    expect((await request(h.url).get(`/api/v1/tenants/${tenant}/clients`).set('authorization', await auth(outsider))).status).toBe(404);
    expect((await request(h.url).get(`/api/v1/tenants/${tenant}/clients`).set('authorization', await auth(agendaOnly))).status).toBe(403);
    expect((await request(h.url).get(`/api/v1/tenants/${tenant}/clients`)).status).toBe(401);
    await h.gateway.usage.flush();

    const counts = (await reportsAfter(jsm, before)).flatMap(({ msgId, report }) => {
      expect(msgId).toBe(report.reportId);
      return report.counts.filter((c) => c.tenantId === tenant);
    });
    const day = new Date().toISOString().slice(0, 10);
    expect(counts.sort((a, b) => a.module.localeCompare(b.module))).toEqual([
      { day, tenantId: tenant, module: 'clients', requests: 3 },
      { day, tenantId: tenant, module: 'other', requests: 1 },
    ]);
  });
});

describe('the usage reporter', () => {
  it('keeps a report NATS did not take and sends it again under the same id, losing no count', async () => {
    const nats = await startPrivateNatsServer();
    const nc = await connectNats({ url: nats.url, name: 'usage-reporter-test', reconnectTimeWaitMs: 100 });
    try {
      const js = jetstream(nc);
      const jsm = await js.jetstreamManager();
      await ensureStream(jsm, { name: GATEWAY_STREAM.name, subjects: [...GATEWAY_STREAM.subjects], maxAgeMs: GATEWAY_STREAM.maxAgeMs });
      const reporter = new UsageReporter({ js, logger: silent, flushIntervalMs: 3600_000, publishTimeoutMs: 500 });
      const [a, b] = [newId('ten'), newId('ten')];

      reporter.record(a, 'clients');
      reporter.record(a, 'clients');
      await nats.stop();
      await reporter.flush();
      expect(reporter.waiting).toBe(1);
      reporter.record(b, 'agenda');
      await nats.start();
      await new Promise((r) => setTimeout(r, 500));
      await reporter.flush();
      expect(reporter.waiting).toBe(0);

      const reports = await reportsAfter(jsm, 0);
      expect(reports.map((r) => r.report.counts)).toEqual([
        [{ day: expect.any(String), tenantId: a, module: 'clients', requests: 2 }],
        [{ day: expect.any(String), tenantId: b, module: 'agenda', requests: 1 }],
      ]);
      expect(reports.every((r) => r.msgId === r.report.reportId)).toBe(true);
      // Nothing counted, nothing sent.
      await reporter.stop();
      expect(await lastSequence(jsm)).toBe(2);
    } finally {
      await nc.close();
      await nats.dispose();
    }
  }, 30_000);

  it('splits a busy window over several reports', async () => {
    const nats = await startPrivateNatsServer();
    const nc = await connectNats({ url: nats.url, name: 'usage-reporter-test' });
    try {
      const js = jetstream(nc);
      const jsm = await js.jetstreamManager();
      await ensureStream(jsm, { name: GATEWAY_STREAM.name, subjects: [...GATEWAY_STREAM.subjects], maxAgeMs: GATEWAY_STREAM.maxAgeMs });
      const reporter = new UsageReporter({ js, logger: silent, flushIntervalMs: 3600_000 });
      const tenants = Array.from({ length: MAX_USAGE_REPORT_COUNTS + 10 }, () => newId('ten'));
      for (const t of tenants) reporter.record(t, 'agenda');
      await reporter.stop();
      const reports = await reportsAfter(jsm, 0);
      expect(reports.map((r) => r.report.counts.length)).toEqual([MAX_USAGE_REPORT_COUNTS, 10]);
      expect(new Set(reports.flatMap((r) => r.report.counts.map((c) => c.tenantId))).size).toBe(tenants.length);
    } finally {
      await nc.close();
      await nats.dispose();
    }
  }, 30_000);
});
