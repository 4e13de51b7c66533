import { fullPermissions, MembershipChanged, noPermissions } from '@homi/contracts';
import { Invitation } from '../domain/invitation';
import { hashMailToken } from '../domain/mail-token';
import { Membership } from '../domain/membership';
import { User } from '../domain/user';
import { acceptInvitation } from './accept-invitation';
import { declineInvitation } from './decline-invitation';
import { inMemoryDeps } from './in-memory';

const TENANT = 'ten_aaaaaaaa';
const OWNER = 'usr_owner001';
const INVITEE = 'usr_invitee1';
const TOKEN = 'a'.repeat(43);
const day = 24 * 3600_000;

function invited(options: { createdDaysAgo?: number; role?: 'staff' | 'admin'; inviterRole?: 'owner' | 'staff' } = {}) {
  const deps = inMemoryDeps(new Date('2026-06-10T12:00:00Z'));
  const now = deps.clock();
  const { memberships, users, invitations } = deps.repositories;
  memberships.add(new Membership(TENANT, OWNER, options.inviterRole ?? 'owner', options.inviterRole === 'staff' ? noPermissions() : fullPermissions(), new Date('2026-01-01T00:00:00Z')));
  users.rows.set(INVITEE, new User(INVITEE, 'collega@example.nl', 'Cor Collega', new Date('2026-02-01T00:00:00Z')));
  const createdAt = new Date(now.getTime() - (options.createdDaysAgo ?? 1) * day);
  const role = options.role ?? 'staff';
  const invitation = new Invitation(
    'ivt_00000001', TENANT, 'Collega@example.nl', null, role, role === 'admin' ? fullPermissions() : noPermissions(), OWNER, hashMailToken(TOKEN),
    createdAt, new Date(createdAt.getTime() + 7 * day),
  );
  invitations.rows.set(invitation.id, invitation);
  return { deps, invitation };
}

describe('acceptInvitation', () => {
  it('makes the membership as offered, uses the invitation up, announces and audits it', async () => {
    const { deps, invitation } = invited({ role: 'admin' });
    const accepted = await acceptInvitation(deps, INVITEE, TOKEN);
    expect(accepted).toMatchObject({ tenantId: TENANT, membership: { userId: INVITEE, role: 'admin' } });
    expect(invitation).toMatchObject({ status: 'accepted', acceptedBy: INVITEE });
    expect(deps.published).toEqual([{ subject: MembershipChanged.subject, data: expect.objectContaining({ tenantId: TENANT, userId: INVITEE }) }]);
    expect(deps.audited).toEqual([expect.objectContaining({ action: 'member.added', actor: { kind: 'member', userId: INVITEE } })]);
  });

  it('refuses an account at another address (the mailbox and the account must both be the invitee)', async () => {
    const { deps, invitation } = invited();
    deps.repositories.users.rows.set(INVITEE, new User(INVITEE, 'iemand-anders@example.nl', 'Iemand', deps.clock()));
    await expect(acceptInvitation(deps, INVITEE, TOKEN)).rejects.toMatchObject({ kind: 'forbidden', type: 'invitation-email-mismatch' });
    expect(invitation.status).toBe('pending');
    expect(deps.repositories.memberships.rows).toHaveLength(1);
  });

  it('refuses a member of the tenant, an account being deleted, and an unknown code', async () => {
    const member = invited();
    member.deps.repositories.memberships.add(new Membership(TENANT, INVITEE, 'staff', noPermissions(), member.deps.clock()));
    await expect(acceptInvitation(member.deps, INVITEE, TOKEN)).rejects.toMatchObject({ kind: 'conflict', type: 'already-member' });

    const deleting = invited();
    Object.assign(deleting.deps.repositories.users.rows.get(INVITEE) as User, { status: 'disabled' });
    await expect(acceptInvitation(deleting.deps, INVITEE, TOKEN)).rejects.toMatchObject({ kind: 'conflict', type: 'account-disabled' });

    await expect(acceptInvitation(invited().deps, INVITEE, 'b'.repeat(43))).rejects.toMatchObject({ kind: 'not_found', type: 'invitation-not-found' });
  });

  it('answers an expired invitation as gone, and one whose inviter may no longer grant its role as withdrawn', async () => {
    const expired = invited({ createdDaysAgo: 8 });
    await expect(acceptInvitation(expired.deps, INVITEE, TOKEN)).rejects.toMatchObject({ kind: 'gone', type: 'invitation-expired' });

    const demoted = invited({ role: 'admin', inviterRole: 'staff' });
    await expect(acceptInvitation(demoted.deps, INVITEE, TOKEN)).rejects.toMatchObject({ kind: 'gone', type: 'invitation-revoked' });
    expect(demoted.deps.repositories.memberships.rows.map((m) => m.userId)).toEqual([OWNER]);
  });

  it('answers a used invitation as a conflict', async () => {
    const { deps } = invited();
    await acceptInvitation(deps, INVITEE, TOKEN);
    await expect(acceptInvitation(deps, INVITEE, TOKEN)).rejects.toMatchObject({ kind: 'conflict', type: 'invitation-used' });
  });
});

describe('declineInvitation', () => {
  it('needs no account, marks the invitation declined and audits it; the code is then gone', async () => {
    const { deps, invitation } = invited();
    await declineInvitation(deps, TOKEN);
    expect(invitation.status).toBe('declined');
    expect(deps.audited).toEqual([expect.objectContaining({ action: 'member.invitation-declined', actor: { kind: 'system' } })]);
    await expect(acceptInvitation(deps, INVITEE, TOKEN)).rejects.toMatchObject({ kind: 'gone', type: 'invitation-declined' });
  });
});
