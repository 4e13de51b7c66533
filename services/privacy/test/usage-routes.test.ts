import request from 'supertest';
import { ClientCreated, GatewayUsageReported, MODULES, type Permissions } from '@homi/contracts';
import { publish } from '@homi/messaging';
import { CALLER_HEADER, inAllTenantsTransaction, newId } from '@homi/service-kit';
import { callerHeader, eventually, startPrivacy, type Caller, type Harness } from './harness';

let h: Harness;
const tenantA = newId('ten');
const tenantB = newId('ten');
let today: string;
const range = () => `from=${today}&to=${today}`;

beforeAll(async () => {
  h = await startPrivacy();
  today = h.clock.now().toISOString().slice(0, 10);
  const occurredAt = h.clock.now().toISOString();
  for (let i = 0; i < 3; i++) await publish(h.js, ClientCreated, { tenantId: tenantA, clientId: newId('cli'), occurredAt }, { msgId: newId('evt') });
  await publish(h.js, ClientCreated, { tenantId: tenantB, clientId: newId('cli'), occurredAt }, { msgId: newId('evt') });
  const report = { reportId: newId('urp'), windowStart: occurredAt, windowEnd: occurredAt, counts: [{ day: today, tenantId: tenantA, module: 'agenda' as const, requests: 7 }] };
  // Published twice with one report id (a retried publish): counted once.
  await publish(h.js, GatewayUsageReported, report, { msgId: report.reportId });
  await publish(h.js, GatewayUsageReported, report, { msgId: report.reportId });
  // Every event counted, not only every row present: A's clients row exists after its first of three events.
  const total = () => inAllTenantsTransaction(h.service.orm, (em) => em.execute<{ n: number }[]>('select coalesce(sum(actions + requests), 0)::int as n from tenant_usage_daily'));
  await eventually(async () => (await total())[0]!.n === 3 + 1 + 7, 20_000, 'usage counted');
}, 60_000);

afterAll(async () => {
  await h?.dispose();
});

const permissions = (level: 'none' | 'view' | 'edit', reports = level): Permissions =>
  ({ ...Object.fromEntries(MODULES.map((m) => [m, level])), reports }) as Permissions;
const member = (tenantId: string, perms = permissions('edit')): Caller => ({ userId: newId('usr'), realmRoles: [], tenantId, role: 'staff', permissions: perms });
const get = (path: string, caller?: Caller) => {
  const req = request(h.server).get(`/api/v1${path}`);
  return caller ? req.set(CALLER_HEADER, callerHeader(caller, 'GET', `/api/v1${path}`)) : req;
};
const operator: Caller = { userId: newId('usr'), realmRoles: ['operator'] };

describe('the usage routes', () => {
  it('give an institute its own counts of today, requests counted once however often reported', async () => {
    const res = await get(`/tenants/${tenantA}/usage?${range()}`, member(tenantA, permissions('none', 'view')));
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      tenantId: tenantA,
      from: today,
      to: today,
      counts: [
        { day: today, module: 'agenda', actions: 0, requests: 7 },
        { day: today, module: 'clients', actions: 3, requests: 0 },
      ],
    });
    const b = await get(`/tenants/${tenantB}/usage?${range()}`, member(tenantB));
    expect(b.body.counts).toEqual([{ day: today, module: 'clients', actions: 1, requests: 0 }]);
  });

  it('never give one institute another\'s counts', async () => {
    for (const caller of [member(tenantB), { userId: newId('usr'), realmRoles: ['operator'] }]) {
      const res = await get(`/tenants/${tenantA}/usage?${range()}`, caller);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(JSON.stringify(res.body)).not.toContain('"counts"');
    }
  });

  it('need reports:view within the institute', async () => {
    const res = await get(`/tenants/${tenantA}/usage?${range()}`, member(tenantA, permissions('edit', 'none')));
    expect(res.status).toBe(403);
    expect(res.body.type).toMatch(/module-permission-required$/);
  });

  it('give the statistics to operators only', async () => {
    for (const caller of [member(tenantA), { userId: newId('usr'), realmRoles: ['support'] }]) {
      const res = await get(`/admin/usage?${range()}`, caller);
      expect(res.status).toBe(403);
      expect(res.body.type).toMatch(/realm-role-required$/);
    }
    expect((await get(`/admin/usage?${range()}`)).status).toBe(401);
    expect((await get(`/tenants/${tenantA}/usage?${range()}`)).status).toBe(401);
    const res = await get(`/admin/usage?from=2025-01-01&to=2026-01-01`, operator);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '2025-01-01', to: '2026-01-01', k: 5, buckets: [], suppressed: 0 });
  });

  it('refuse a bad period with problem+json', async () => {
    const bad = [
      '',
      `from=${today}`,
      `to=${today}`,
      'from=2025-02-30&to=2025-03-01',
      'from=2025-1-01&to=2025-01-02',
      'from=2025-01-02&to=2025-01-01',
      'from=2025-01-01&to=2026-01-02',
      `from=${today}&to=${today}&extra=1`,
      `from=${today}&from=${today}&to=${today}`,
      'from=2025-01-01T00:00:00Z&to=2025-01-02',
      "from=2025-01-01'--&to=2025-01-02",
    ];
    for (const query of bad) {
      for (const [path, caller] of [['/admin/usage', operator], [`/tenants/${tenantA}/usage`, member(tenantA)]] as const) {
        const res = await get(`${path}?${query}`, caller);
        expect([query, res.status]).toEqual([query, 400]);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      }
    }
  });

  it('leave other paths under /api/v1 unknown', async () => {
    expect((await get('/admin/usage/x', operator)).status).toBe(404);
    expect((await get('/admin', operator)).status).toBe(404);
  });
});
