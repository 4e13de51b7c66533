import request from 'supertest';
import { AccountDeletionRequested, ClientDeleted } from '@homi/contracts';
import { publish } from '@homi/messaging';
import { CALLER_HEADER, inAllTenantsTransaction, newId, signCaller } from '@homi/service-kit';
import { closeUsageDays } from '../src/application/close-usage-days';
import { closesAt } from '../src/domain/usage-day';
import { eventually, SECRET, startPrivacy, type Harness } from './harness';
import { simulateDay, type SimulatedDay } from './usage-fixtures';

let h: Harness;
let sim: SimulatedDay;
const K = 5;
const GRACE_MS = 2 * 3600_000;

beforeAll(async () => {
  h = await startPrivacy({ USAGE_MIN_BUCKET: String(K), USAGE_CLOSE_GRACE_MS: String(GRACE_MS), USAGE_CLOSE_INTERVAL_MS: String(3600_000) });
  sim = await simulateDay(h.js, h.clock.now());
  const total = [...sim.expected.values()].reduce((n, e) => n + e.actions + e.requests, 0);
  await eventually(async () => (await sql<{ n: number }>('select coalesce(sum(actions + requests), 0)::int as n from usage_daily'))[0]!.n === total, 60_000, 'every event counted');
}, 120_000);

afterAll(async () => {
  await h?.dispose();
});

// Across tenants, said so: each institute's own counts are under forced row-level security (ADR 4).
const sql = <T>(query: string, params: unknown[] = []) => inAllTenantsTransaction(h.service.orm, (em) => em.execute<T[]>(query, params));
const operator = () => signCaller({ userId: newId('usr'), realmRoles: ['operator'] }, SECRET);
const statistics = (from: string, to: string) => request(h.server).get(`/api/v1/admin/usage?from=${from}&to=${to}`).set(CALLER_HEADER, operator());
const stored = () => sql<{ module: string; active_tenants: number; actions: string; requests: string }>('select module, active_tenants, actions, requests from usage_daily order by module');

/** Every row of every table but the excluded ones, as text. */
async function databaseText(excluded: string[]): Promise<string> {
  const tables = await sql<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
  let text = '';
  for (const { name } of tables.filter((t) => !excluded.includes(t.name))) {
    for (const row of await sql<{ row: string }>(`select t::text as row from "${name}" t`)) text += row.row + '\n';
  }
  return text;
}

describe('usage statistics after a day of use by many institutes', () => {
  it('counts each institute once per module, however many events and reports name it', async () => {
    const rows = await stored();
    expect(rows.map((r) => r.module).sort()).toEqual([...sim.expected.keys()].sort());
    for (const r of rows) {
      const e = sim.expected.get(r.module as never)!;
      expect([r.module, r.active_tenants, Number(r.actions), Number(r.requests)]).toEqual([r.module, e.tenants.size, e.actions, e.requests]);
    }
    expect(sim.messages).toBeGreaterThan(700);
  });

  it('serves no day before it has closed', async () => {
    const res = await statistics(sim.day, sim.day);
    expect(res.status).toBe(200);
    expect(res.body.closedThrough < sim.day).toBe(true);
    expect(res.body.buckets).toEqual([]);
    expect((await sql<{ n: number }>('select count(*)::int as n from usage_tenant_digests'))[0]!.n).toBeGreaterThan(0);
  });

  it('closes the day once, even run twice at once and again: the keys and digests go, the counts stay', async () => {
    const before = await stored();
    const own = () => sql('select tenant_id, day, module, actions, requests from tenant_usage_daily order by tenant_id, day, module');
    const ownBefore = await own();
    expect(ownBefore.length).toBeGreaterThan(0);
    h.clock.advance(closesAt(sim.day, GRACE_MS).getTime() - h.clock.now().getTime() + 60_000);
    const deps = h.service.usage.deps;
    const runs = await Promise.all([closeUsageDays(deps), closeUsageDays(deps)]);
    const again = await closeUsageDays(deps);
    expect([...runs.flatMap((r) => r.closed), ...again.closed]).toEqual([sim.day]);
    expect(await stored()).toEqual(before);
    expect(await sql('select * from usage_tenant_digests')).toEqual([]);
    expect(await sql(`select 1 from usage_day_keys where secret is not null`)).toEqual([]);
    // The institutes' own counts are the retention job's to purge (retention.test.ts), never the close job's.
    expect(await own()).toEqual(ownBefore);
  });

  it('holds no identifier of any institute, user or client anywhere outside the institutes\' own counts and the requests', async () => {
    expect(sim.ids.length).toBeGreaterThan(700);
    // The scan does see identifiers where they are: in the institutes' own counts.
    const everything = await databaseText([]);
    expect(sim.tenants.filter((id) => !everything.includes(id))).toEqual([]);
    const text = await databaseText(['tenant_usage_daily', 'requests', 'request_tasks', 'audit_events', 'notifications']);
    expect(sim.ids.filter((id) => text.includes(id))).toEqual([]);
    // The statistics table has nowhere to put one.
    const columns = await sql<{ column_name: string }>(`select column_name from information_schema.columns where table_name = 'usage_daily' order by ordinal_position`);
    expect(columns.map((c) => c.column_name)).toEqual(['day', 'module', 'active_tenants', 'actions', 'requests']);
  });

  it('serves only buckets of at least k institutes, and says how many it left out', async () => {
    const res = await statistics(sim.day, sim.day);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: sim.day, to: sim.day, k: K, closedThrough: sim.day });
    const small = [...sim.expected.values()].filter((e) => e.tenants.size < K).length;
    expect(small).toBeGreaterThan(0);
    expect(res.body.suppressed).toBe(small);
    expect(res.body.buckets.length).toBe(sim.expected.size - small);
    for (const b of res.body.buckets) expect(b.activeTenants).toBeGreaterThanOrEqual(K);
    // The invoicing bucket stands for exactly k institutes and is served; settings (k - 1) is not.
    expect(res.body.buckets.find((b: { module: string }) => b.module === 'invoicing')?.activeTenants).toBe(K);
    expect(res.body.buckets.find((b: { module: string }) => b.module === 'settings')).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toMatch(/ten_|usr_|cli_/);
  });

  it('erases an institute\'s own counts with the institute, keeps the statistics, and keeps none again', async () => {
    const [gone, kept] = sim.tenants;
    const statsBefore = await stored();
    const requestId = newId('dsr');
    await publish(h.js, AccountDeletionRequested, { requestId, userId: newId('usr'), soleOwnerTenantIds: [gone!], occurredAt: h.clock.now().toISOString() }, { msgId: newId('evt') });
    const rows = (tenantId: string) => sql<{ n: number }>('select count(*)::int as n from tenant_usage_daily where tenant_id = ?', [tenantId]).then((r) => r[0]!.n);
    await eventually(async () => (await rows(gone!)) === 0, 20_000, 'tenant usage erased');
    expect(await rows(kept!)).toBeGreaterThan(0);
    expect(await stored()).toEqual(statsBefore);
    const trail = await sql<{ details: { records: number } }>(`select a.details from audit_events a join requests r on r.id = a.request_id where r.subject ->> 'tenantId' = ? and a.action = 'tenant-usage.erased'`, [gone]);
    expect(trail.map((t) => t.details.records)).toEqual([sim.perTenant.get(gone!)!.size]);

    // A late event of the erased institute still counts anonymously, but not as its own.
    await publish(h.js, ClientDeleted, { tenantId: gone!, clientId: newId('cli'), occurredAt: `${sim.day}T23:00:00.000Z` }, { msgId: newId('evt') });
    const clients = () => sql<{ actions: string }>(`select actions from usage_daily where module = 'clients'`).then((r) => Number(r[0]!.actions));
    await eventually(async () => (await clients()) === sim.expected.get('clients')!.actions + 1, 20_000, 'late event counted');
    expect(await rows(gone!)).toBe(0);
    // The day is closed: the late event's institute is not counted as active again.
    expect((await stored()).find((r) => r.module === 'clients')!.active_tenants).toBe(sim.expected.get('clients')!.tenants.size);
  });
});
