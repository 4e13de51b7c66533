import type { SupportGrant } from '@homi/contracts';
import { reconcileGrants, type GrantStore } from './project-grants';
import type { GrantReads } from './ports';

const grantOf = (requestId: string): SupportGrant => ({
  requestId, tenantId: 'ten_1', supportUserId: 'usr_s', modules: ['clients'], mode: 'read',
  approvedBy: 'usr_o', startsAt: '2026-12-06T09:00:00.000Z', expiresAt: '2026-12-06T17:00:00.000Z',
} as SupportGrant);

function bucket(initial: SupportGrant[] = []) {
  const keys = new Map(initial.map((g) => [g.requestId, g]));
  const store: GrantStore = {
    put: async (g) => void keys.set(g.requestId, g),
    delete: async (id) => void keys.delete(id),
    keys: async () => [...keys.keys()],
  };
  return { keys, store };
}

describe('reconcileGrants (a replica starting while another projects)', () => {
  it('keeps a grant the other replica put after this one read its snapshot', async () => {
    // The snapshot was read before the approval committed; the other replica's projection then put
    // the grant. Deleting every key outside the snapshot would take that support user's access away.
    const approved = grantOf('sar_approvedlater00001');
    const { keys, store } = bucket([approved]);
    const reads: GrantReads = { allActive: async () => [], grant: async (id) => (id === approved.requestId ? approved : null) };
    const result = await reconcileGrants({ grants: reads }, store, new Date());
    expect(keys.get(approved.requestId)).toEqual(approved);
    expect(result).toEqual({ put: 0, deleted: 0 });
  });

  it('still removes a key whose grant is no longer active, and puts the active ones', async () => {
    const active = grantOf('sar_active000000000001');
    const { keys, store } = bucket([grantOf('sar_revoked00000000001')]);
    const reads: GrantReads = { allActive: async () => [active], grant: async (id) => (id === active.requestId ? active : null) };
    expect(await reconcileGrants({ grants: reads }, store, new Date())).toEqual({ put: 1, deleted: 1 });
    expect([...keys.keys()]).toEqual([active.requestId]);
  });
});
