import type { CategoryRun } from '@homi/privacy-kit';
import { startedAroundAll } from '@homi/testing';
import { as, ownerOf, startIdentity, type Harness } from './harness';
import { signUp, uniqueEmail } from './fixtures';
import { movableClock } from './support-fixtures';
import { sql } from './support';

// Invitations are tenant rows under forced row-level security (ADR 4), and the service's owner is no
// superuser here: the purge finds every institute's invitations only because it declares itself
// cross-tenant. Kept apart from retention.test.ts, whose timeline reports no invitations at all.
const DAY = 86_400_000;
const clock = movableClock();
let h: Harness;
startedAroundAll(() => startIdentity({ clock: clock.now }), (started) => (h = started));

const purgedInvitations = async () =>
  (await h.service.housekeeping.retention.runOnce()).find((r: CategoryRun) => r.category === 'invitations')?.purged;

describe('the invitations retention job', () => {
  it('deletes every institute\'s invitations 30 days after they expired, and none before', async () => {
    const tenants = [await signUp(h.server), await signUp(h.server)];
    for (const { userId, tenantId } of tenants) {
      const invited = await as(h, ownerOf(userId, tenantId)).post(`/api/v1/tenants/${tenantId}/members`, { email: uniqueEmail('collega'), role: 'staff', permissions: {} });
      expect(invited.status).toBe(202);
    }
    const count = async () => (await sql<{ n: number }>(h, 'select count(*)::int as n from invitations where tenant_id = any($1)', [tenants.map((t) => t.tenantId)]))[0]?.n;
    expect(await count()).toBe(2);
    clock.advance(7 * DAY + 29 * DAY);
    expect(await purgedInvitations()).toBe(0);
    clock.advance(2 * DAY);
    expect(await purgedInvitations()).toBe(2);
    expect(await count()).toBe(0);
  });
});
