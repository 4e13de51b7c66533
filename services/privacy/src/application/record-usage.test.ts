import { newId } from '@homi/service-kit';
import { closeUsageDays } from './close-usage-days';
import { callerOf, inMemoryDeps } from './in-memory';
import { readUsageStatistics } from './read-usage-statistics';
import { recordUsage, type UsageIncrement } from './record-usage';

// The usage statistics' counting and closing on in-memory repositories (ADR 16).

const HOUR = 3600_000;
const operator = callerOf({ userId: newId('usr'), realmRoles: ['operator'] });

function setup() {
  const t = inMemoryDeps(new Date('2026-03-02T10:00:00Z'));
  const count = (tenantId: string, actions = 1, day = '2026-03-02'): Promise<void> =>
    recordUsage(t.repositories, t.usageDeps, [{ day, tenantId, module: 'clients', actions, requests: 0 } satisfies UsageIncrement]);
  return { ...t, count, bucket: (day = '2026-03-02') => t.usage.statistics.get(`${day} clients`) };
}

describe('recordUsage', () => {
  it('counts each institute once per day and module among the active ones, every action, and its own counts apart', async () => {
    const { count, bucket, usage, tenancy } = setup();
    const [a, b] = [newId('ten'), newId('ten')];
    await count(a);
    await count(a, 2);
    await count(b);
    expect(bucket()).toMatchObject({ activeTenants: 2, actions: 4 });
    expect([...usage.tenantCounts.values()].find((c) => c.tenantId === a)).toMatchObject({ actions: 3 });
    // One batch counts many institutes: it says so (ADR 4).
    expect(tenancy.entered).toEqual(['all', 'all', 'all']);
  });

  it('after a day closed, still adds its late counts but recognises no institute', async () => {
    const { count, bucket, usageDeps, clock, usage } = setup();
    const a = newId('ten');
    await count(a);
    clock.now = new Date('2026-03-03T02:00:00Z');
    expect(await closeUsageDays(usageDeps)).toEqual({ closed: ['2026-03-02'], digestsDeleted: 1 });
    expect(usage.keys.get('2026-03-02')).toEqual({ secret: null });
    await count(a);
    await count(newId('ten'));
    expect(bucket()).toMatchObject({ activeTenants: 1, actions: 3 });
    expect(await closeUsageDays(usageDeps)).toEqual({ closed: [], digestsDeleted: 0 });
  });

  it('never opens a day far ahead, and keeps no own counts of an institute whose erasure was asked for', async () => {
    const { count, bucket, usage } = setup();
    const gone = newId('ten');
    usage.erasedTenants.add(gone);
    await count(gone, 1, '2026-03-05');
    expect(usage.keys.has('2026-03-05')).toBe(false);
    expect(bucket('2026-03-05')).toMatchObject({ activeTenants: 0, actions: 1 });
    expect(usage.tenantCounts.size).toBe(0);
  });
});

describe('readUsageStatistics', () => {
  it('serves closed days only, leaving out buckets fewer than k institutes stand for', async () => {
    const { count, usageDeps, clock } = setup();
    await count(newId('ten'), 1, '2026-03-01');
    await count(newId('ten'), 1, '2026-03-02');
    await count(newId('ten'), 1, '2026-03-02');
    clock.now = new Date(new Date('2026-03-03T00:00:00Z').getTime() + usageDeps.settings.closeGraceMs + HOUR);
    const stats = await readUsageStatistics(usageDeps, operator, { from: '2026-03-01', to: '2026-03-09' });
    expect(stats).toMatchObject({ k: 2, closedThrough: '2026-03-02', suppressed: 1 });
    expect(stats.buckets).toEqual([{ day: '2026-03-02', module: 'clients', activeTenants: 2, actions: 2, requests: 0 }]);
  });
});
