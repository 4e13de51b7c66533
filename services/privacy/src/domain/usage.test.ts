import { addDays, closesAt, isClosed, lastClosedDay } from './usage-day';
import { applyMinimumBucket } from './usage-k-anonymity';
import { moduleOfSubject, tenantOfEvent } from './usage-modules';
import { tenantDigest } from './usage-tenant-digest';

const GRACE = 2 * 3600_000;

describe('usage days', () => {
  it('close at the end of the day plus the grace, and lastClosedDay agrees with isClosed', () => {
    expect(closesAt('2026-03-01', GRACE).toISOString()).toBe('2026-03-02T02:00:00.000Z');
    for (const at of ['2026-03-02T01:59:59.999Z', '2026-03-02T02:00:00.000Z', '2026-03-02T23:59:59.999Z', '2026-12-31T00:00:00.000Z']) {
      const now = new Date(at);
      const last = lastClosedDay(now, GRACE);
      expect([at, isClosed(last, now, GRACE), isClosed(addDays(last, 1), now, GRACE)]).toEqual([at, true, false]);
    }
  });
});

describe('usage modules and digests', () => {
  it('map subjects to modules, anything unnamed to other', () => {
    expect(moduleOfSubject('tenant-data.client.created.v1')).toBe('clients');
    expect(moduleOfSubject('tenant-data.appointment.deleted.v1')).toBe('agenda');
    expect(moduleOfSubject('tenant-data.institute.updated.v1')).toBe('settings');
    expect(moduleOfSubject('identity.membership.changed.v1')).toBe('users');
    expect(moduleOfSubject('billing.invoice.created.v1')).toBe('invoicing');
    expect(moduleOfSubject('tenant-data.something-new.v1')).toBe('other');
    expect(tenantOfEvent({ tenantId: 'ten_12345678' })).toBe('ten_12345678');
    expect(tenantOfEvent({ userId: 'usr_12345678' })).toBeUndefined();
  });

  it('give one tenant unlinkable digests per module and per day key, and never contain its id', () => {
    const key1 = Buffer.alloc(32, 1);
    const key2 = Buffer.alloc(32, 2);
    const a = tenantDigest(key1, 'clients', 'ten_12345678');
    expect(tenantDigest(key1, 'clients', 'ten_12345678').equals(a)).toBe(true);
    expect(tenantDigest(key1, 'agenda', 'ten_12345678').equals(a)).toBe(false);
    expect(tenantDigest(key2, 'clients', 'ten_12345678').equals(a)).toBe(false);
    expect(a.toString('latin1')).not.toContain('ten_');
  });

  it('suppress every bucket below k and nothing else', () => {
    const bucket = (activeTenants: number) => ({ day: '2026-03-01', module: 'clients' as const, activeTenants, actions: 9, requests: 9 });
    const { served, suppressed } = applyMinimumBucket([bucket(0), bucket(4), bucket(5), bucket(40)], 5);
    expect(served.map((b) => b.activeTenants)).toEqual([5, 40]);
    expect(suppressed).toBe(2);
  });
});
