import { ClientCreated, RetentionPurged } from '@homi/contracts';
import { publish } from '@homi/messaging';
import { inAllTenantsTransaction, newId } from '@homi/service-kit';
import { addDays, addMonths } from '../src/domain/request';
import { auditTrail, verifyAuditChains } from '../src/infrastructure/audit-trail';
import { retentionTrail, verifyRetentionTrail } from '../src/infrastructure/retention-trail';
import { closeUsageDays } from '../src/application/close-usage-days';
import { as, DAY, eventually, startPrivacy, user, type Harness } from './harness';
import { startTestOwner, type TestOwner } from './owners';

let h: Harness;
let salon: TestOwner;

beforeAll(async () => {
  h = await startPrivacy();
  salon = await startTestOwner(h, 'salon', ['client-profile', 'appointments']);
  await eventually(async () => (await as(h, user()).get('/data-map')).body.owners?.length === 2, 20_000, 'owner registered');
}, 60_000);

afterAll(async () => {
  await salon?.dispose();
  await h?.dispose();
});

type MapCategory = { name: string; retention: { period: string | null }; lastPurgeAt: string | null };
const category = async (owner: string, name: string): Promise<MapCategory | undefined> => {
  const map = (await as(h, user()).get('/data-map')).body as { owners: { owner: string; categories: MapCategory[] }[] };
  return map.owners.find((o) => o.owner === owner)?.categories.find((c) => c.name === name);
};
const report = (occurredAt: string, records: number) =>
  publish(h.js, RetentionPurged, { owner: 'salon', category: 'appointments', action: 'erased', records, period: 'P2Y', cutoff: '2025-01-01T00:00:00.000Z', occurredAt }, { msgId: newId('evt') });
const em = () => h.service.orm.em.fork();

describe("an owner's retention report", () => {
  it('lands on the owner\'s hash-chained retention trail and as the category\'s last purge in the data map', async () => {
    expect(await category('salon', 'appointments')).toMatchObject({ lastPurgeAt: null });
    await report('2027-03-01T02:00:00.000Z', 12);
    await eventually(async () => (await category('salon', 'appointments'))?.lastPurgeAt === '2027-03-01T02:00:00.000Z', 10_000, 'last purge shown');

    await report('2027-03-02T02:00:00.000Z', 3);
    await eventually(async () => (await retentionTrail(em(), 'salon')).length === 2, 10_000, 'two reports on the trail');
    // Delivered late: it goes on the trail but does not move the last purge back.
    await report('2027-02-01T02:00:00.000Z', 1);
    await eventually(async () => (await retentionTrail(em(), 'salon')).length === 3, 10_000, 'three reports on the trail');

    expect((await category('salon', 'appointments'))?.lastPurgeAt).toBe('2027-03-02T02:00:00.000Z');
    expect((await category('salon', 'client-profile'))?.lastPurgeAt).toBeNull();
    const trail = await retentionTrail(em(), 'salon');
    expect(trail.map((e) => [e.seq, e.actor, e.action, e.details.records])).toEqual([[1, 'salon', 'retention.purged', 12], [2, 'salon', 'retention.purged', 3], [3, 'salon', 'retention.purged', 1]]);
    expect(await verifyRetentionTrail(em(), 'salon')).toBeUndefined();
    await expect(em().execute(`update retention_audit set details = '{}' where owner = 'salon'`)).rejects.toThrow(/append-only/);
  });
});

describe("privacy's own retention", () => {
  const caller = user();
  /** An erasure request of `caller`'s, once the salon has answered it. */
  const open = async () => {
    const res = await as(h, caller).post('/requests', { type: 'erasure', subject: { kind: 'self' } });
    return eventually(async () => ((await as(h, caller).get(`/requests/${res.body.id}`)).body.status === 'completed' ? (res.body.id as string) : undefined), 20_000, 'completed');
  };

  it('deletes a request with its whole audit trail five years after completion, and keeps younger ones', async () => {
    const old = await open();
    h.clock.advance(3 * 365 * DAY);
    const young = await open();
    h.clock.advance(2 * 365 * DAY + 3 * DAY);

    const runs = await h.service.housekeeping.retention.runOnce();
    expect(runs.find((r) => r.category === 'privacy-requests')).toMatchObject({ purged: 1, reported: 1 });
    expect((await as(h, caller).get(`/requests/${old}`)).status).toBe(404);
    expect((await as(h, caller).get(`/requests/${young}`)).status).toBe(200);
    expect(await auditTrail(em(), old)).toEqual([]);
    expect((await auditTrail(em(), young)).length).toBeGreaterThan(0);
    expect(await verifyAuditChains(em())).toMatchObject({ ok: true });

    const again = await h.service.housekeeping.retention.runOnce();
    expect(again.map((r) => r.purged)).toEqual([0, 0, 0]);
    await eventually(async () => (await retentionTrail(em(), 'privacy')).length === 1, 10_000, "privacy's own report on its trail");
    const [entry] = await retentionTrail(em(), 'privacy');
    expect(entry?.details).toMatchObject({ category: 'privacy-requests', records: 1, period: 'P5Y' });
    expect((await category('privacy', 'privacy-requests'))?.lastPurgeAt).toBe(entry?.details.occurredAt);
    expect((await category('privacy', 'access-packages'))).toMatchObject({ retention: { period: 'P0D' }, lastPurgeAt: null });
  });

  it('still refuses to delete the audit trail of a request outside the retention job', async () => {
    const young = await open();
    await expect(em().execute('delete from audit_events where request_id = ?', [young])).rejects.toThrow(/append-only/);
    await expect(
      em().transactional(async (tx) => {
        await tx.execute(`select set_config('homi.retention_cutoff', ?, true)`, ['2000-01-01T00:00:00Z']);
        await tx.execute('delete from audit_events where request_id = ?', [young]);
      }),
    ).rejects.toThrow(/append-only/);
  });
});

describe("an institute's own usage counts", () => {
  const tenantId = newId('ten');
  const day = (at: Date) => at.toISOString().slice(0, 10);
  const count = (at: Date) => publish(h.js, ClientCreated, { tenantId, clientId: newId('cli'), occurredAt: at.toISOString() }, { msgId: newId('evt') });
  const days = async () =>
    (await inAllTenantsTransaction(h.service.orm, (tx) => tx.execute<{ day: string }[]>(`select to_char(day, 'YYYY-MM-DD') as day from tenant_usage_daily where tenant_id = ? order by day`, [tenantId])))
      .map((r) => r.day);

  it('are left alone by the usage close job and purged 13 months after the day counted by the retention job, which reports it', async () => {
    const now = h.clock.now();
    const old = addDays(addMonths(now, -13), -5);
    const young = addDays(addMonths(now, -13), 5);
    for (const at of [old, young, now]) await count(at);
    const counted = [day(old), day(young), day(now)];
    await eventually(async () => (await days()).length === 3, 20_000, 'usage counted');
    const trailBefore = (await retentionTrail(em(), 'privacy')).length;

    // The close job closes today (it has a key, so a real close runs) and deletes no institute's counts, however old.
    h.clock.advance(DAY + 3 * 3600_000);
    const closing = await closeUsageDays(h.service.usage.deps);
    expect(closing.closed).toContain(day(now));
    expect(await days()).toEqual(counted);

    const runs = await h.service.housekeeping.retention.runOnce();
    expect(runs.find((r) => r.category === 'tenant-usage')).toMatchObject({ purged: 1, reported: 1 });
    expect(await days()).toEqual(counted.slice(1));

    await eventually(async () => (await retentionTrail(em(), 'privacy')).length === trailBefore + 1, 10_000, 'the purge on privacy\'s trail');
    const entry = (await retentionTrail(em(), 'privacy')).at(-1);
    expect(entry?.details).toMatchObject({ category: 'tenant-usage', action: 'erased', records: 1, period: 'P13M' });
    expect(await verifyRetentionTrail(em(), 'privacy')).toBeUndefined();
    expect(await category('privacy', 'tenant-usage')).toMatchObject({ retention: { period: 'P13M' }, lastPurgeAt: entry?.details.occurredAt });

    // Nothing more to purge: nothing more reported.
    expect((await h.service.housekeeping.retention.runOnce()).find((r) => r.category === 'tenant-usage')).toMatchObject({ purged: 0, reported: 0 });
  });
});
