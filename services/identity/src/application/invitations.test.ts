import { fullPermissions, noPermissions } from '@homi/contracts';
import { Invitation } from '../domain/invitation';
import { Membership } from '../domain/membership';
import { inMemoryDeps } from './in-memory';
import { listInvitations } from './list-invitations';
import { revokeInvitation } from './revoke-invitation';

const TENANT = 'ten_aaaaaaaa';
const OWNER = 'usr_owner001';
const day = 24 * 3600_000;

function tenantWithInvitations() {
  const deps = inMemoryDeps(new Date('2026-06-10T12:00:00Z'));
  const now = deps.clock();
  deps.repositories.memberships.rows.push(new Membership(TENANT, OWNER, 'owner', fullPermissions(), new Date('2026-01-01T00:00:00Z')));
  const invite = (id: string, createdDaysAgo: number, tenantId = TENANT) => {
    const createdAt = new Date(now.getTime() - createdDaysAgo * day);
    const invitation = new Invitation(id, tenantId, `${id}@example.nl`, null, 'staff', noPermissions(), OWNER, `hash-${id}`, createdAt, new Date(createdAt.getTime() + 7 * day));
    deps.repositories.invitations.rows.set(id, invitation);
    return invitation;
  };
  return { deps, invite };
}

describe('listInvitations', () => {
  it("lists the tenant's open invitations newest first, not expired ones or another tenant's", async () => {
    const { deps, invite } = tenantWithInvitations();
    invite('ivt_older001', 3);
    invite('ivt_newer001', 1);
    invite('ivt_expired1', 8);
    invite('ivt_other001', 1, 'ten_bbbbbbbb');
    expect((await listInvitations(deps, TENANT)).map((i) => i.id)).toEqual(['ivt_newer001', 'ivt_older001']);
  });
});

describe('revokeInvitation', () => {
  it('withdraws an open invitation and audits it', async () => {
    const { deps, invite } = tenantWithInvitations();
    const invitation = invite('ivt_open0001', 1);
    await revokeInvitation(deps, TENANT, OWNER, invitation.id);
    expect(invitation.statusAt(deps.clock())).toBe('revoked');
    expect(deps.audited).toEqual([expect.objectContaining({ action: 'member.invitation-revoked', details: { invitationId: invitation.id } })]);
  });

  it('is a conflict for an invitation no longer open, and not_found for an unknown one', async () => {
    const { deps, invite } = tenantWithInvitations();
    invite('ivt_expired1', 8);
    await expect(revokeInvitation(deps, TENANT, OWNER, 'ivt_expired1')).rejects.toMatchObject({ kind: 'conflict', type: 'invitation-not-pending' });
    await expect(revokeInvitation(deps, TENANT, OWNER, 'ivt_unknown1')).rejects.toMatchObject({ kind: 'not_found', type: 'invitation-not-found' });
    expect(deps.audited).toEqual([]);
  });
});
