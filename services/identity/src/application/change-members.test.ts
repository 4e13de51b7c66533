import { fullPermissions, MembershipChanged, noPermissions, type Role } from '@homi/contracts';
import { Membership } from '../domain/membership';
import { inMemoryDeps } from './in-memory';
import { removeMember } from './remove-member';
import { updateMember } from './update-member';

const joined = new Date('2026-01-01T00:00:00Z');

function tenantWith(...members: [string, Role][]) {
  const deps = inMemoryDeps();
  for (const [userId, role] of members) {
    deps.repositories.memberships.rows.push(new Membership('ten_aaaaaaaa', userId, role, role === 'staff' ? noPermissions() : fullPermissions(), joined));
    deps.repositories.memberships.users.set(userId, { email: `${userId}@example.nl`, name: userId });
  }
  return deps;
}

describe('updateMember', () => {
  it('changes the role, publishes MembershipChanged and audits the change with the previous role', async () => {
    const deps = tenantWith(['usr_owner001', 'owner'], ['usr_staff001', 'staff']);
    const row = await updateMember(deps, 'ten_aaaaaaaa', 'usr_owner001', 'usr_staff001', { role: 'admin' });
    expect(row).toMatchObject({ membership: { userId: 'usr_staff001', role: 'admin' }, email: 'usr_staff001@example.nl' });
    expect(deps.published).toEqual([{ subject: MembershipChanged.subject, data: expect.objectContaining({ tenantId: 'ten_aaaaaaaa', userId: 'usr_staff001' }) }]);
    expect(deps.audited).toEqual([expect.objectContaining({ action: 'member.changed', details: expect.objectContaining({ role: 'admin', previous: expect.objectContaining({ role: 'staff' }) }) })]);
  });

  it('publishes and audits nothing when nothing changes', async () => {
    const deps = tenantWith(['usr_owner001', 'owner'], ['usr_staff001', 'staff']);
    await updateMember(deps, 'ten_aaaaaaaa', 'usr_owner001', 'usr_staff001', { role: 'staff' });
    expect(deps.published).toEqual([]);
    expect(deps.audited).toEqual([]);
  });

  it('is not_found for someone who is not a member, and for a caller who is not one', async () => {
    const deps = tenantWith(['usr_owner001', 'owner']);
    await expect(updateMember(deps, 'ten_aaaaaaaa', 'usr_owner001', 'usr_nobody01', { role: 'admin' })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(updateMember(deps, 'ten_aaaaaaaa', 'usr_nobody01', 'usr_owner001', { role: 'admin' })).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('removeMember', () => {
  it('removes the member, publishes MembershipChanged and audits it', async () => {
    const deps = tenantWith(['usr_owner001', 'owner'], ['usr_staff001', 'staff']);
    await removeMember(deps, 'ten_aaaaaaaa', 'usr_owner001', 'usr_staff001');
    expect(deps.repositories.memberships.rows.map((m) => m.userId)).toEqual(['usr_owner001']);
    expect(deps.published.map((e) => e.subject)).toEqual([MembershipChanged.subject]);
    expect(deps.audited).toEqual([expect.objectContaining({ action: 'member.removed', details: { userId: 'usr_staff001', role: 'staff' } })]);
  });

  it('keeps the last owner', async () => {
    const deps = tenantWith(['usr_owner001', 'owner']);
    await expect(removeMember(deps, 'ten_aaaaaaaa', 'usr_owner001', 'usr_owner001')).rejects.toMatchObject({ kind: 'conflict', type: 'last-owner' });
    expect(deps.repositories.memberships.rows).toHaveLength(1);
    expect(deps.published).toEqual([]);
  });
});
