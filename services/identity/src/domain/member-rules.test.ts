import { fullPermissions, noPermissions, type Permissions, type Role } from '@homi/contracts';
import { AppError } from '@homi/service-kit';
import { assertMayChange, assertMayGrant, assertMayRemove, type MemberFacts } from './member-rules';

let n = 0;
const member = (role: Role, grants: Partial<Permissions> = {}): MemberFacts => ({
  userId: `usr_member${String(++n).padStart(8, '0')}`,
  role,
  permissions: role === 'staff' ? { ...noPermissions(), ...grants } : { ...fullPermissions(), ...grants },
});
const staffWith = (grants: Partial<Permissions>) => ({ ...noPermissions(), ...grants });

function refusal(fn: () => void): { kind: string; type: string } | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { kind: err.kind, type: err.type };
  }
}

describe('the last owner', () => {
  it('cannot be demoted', () => {
    expect(refusal(() => assertMayChange(member('owner'), member('owner'), 'admin', fullPermissions(), 1))).toEqual({ kind: 'conflict', type: 'last-owner' });
  });

  it('cannot be removed, not even by themselves', () => {
    const owner = member('owner');
    expect(refusal(() => assertMayRemove(owner, owner, 1))).toEqual({ kind: 'conflict', type: 'last-owner' });
  });

  it('can be demoted or removed once there is another owner', () => {
    expect(refusal(() => assertMayChange(member('owner'), member('owner'), 'admin', fullPermissions(), 2))).toBeUndefined();
    expect(refusal(() => assertMayRemove(member('owner'), member('owner'), 2))).toBeUndefined();
  });

  it('may keep being owner while other things about them do not change', () => {
    expect(refusal(() => assertMayChange(member('owner'), member('owner'), 'owner', fullPermissions(), 1))).toBeUndefined();
  });
});

describe('who may change what', () => {
  it('lets only owners make owners', () => {
    expect(refusal(() => assertMayGrant(member('admin'), 'owner', fullPermissions()))?.type).toBe('owner-role-required');
    expect(refusal(() => assertMayGrant(member('owner'), 'owner', fullPermissions()))).toBeUndefined();
  });

  it('keeps admins away from owners', () => {
    const admin = member('admin');
    expect(refusal(() => assertMayChange(admin, member('owner'), 'staff', noPermissions(), 3))?.type).toBe('owner-role-required');
    expect(refusal(() => assertMayRemove(admin, member('owner'), 3))?.type).toBe('owner-role-required');
  });

  it('lets admins manage admins and staff', () => {
    const admin = member('admin');
    expect(refusal(() => assertMayChange(admin, member('admin'), 'staff', staffWith({ agenda: 'edit' }), 1))).toBeUndefined();
    expect(refusal(() => assertMayChange(admin, member('staff'), 'admin', fullPermissions(), 1))).toBeUndefined();
    expect(refusal(() => assertMayRemove(admin, member('staff'), 1))).toBeUndefined();
  });

  it('never lets anyone change their own membership', () => {
    for (const role of ['owner', 'admin', 'staff'] as const) {
      const self = member(role, { users: 'edit' });
      expect(refusal(() => assertMayChange(self, self, role, self.permissions, 2))?.type).toBe('own-membership');
    }
  });

  it('lets a member leave, unless they are the last owner', () => {
    const staff = member('staff');
    expect(refusal(() => assertMayRemove(staff, staff, 1))).toBeUndefined();
  });

  it('keeps staff with users:edit from raising anyone above what they hold themselves', () => {
    const lead = member('staff', { users: 'edit', agenda: 'edit', clients: 'view' });
    expect(refusal(() => assertMayGrant(lead, 'staff', staffWith({ agenda: 'edit', clients: 'view' })))).toBeUndefined();
    expect(refusal(() => assertMayGrant(lead, 'staff', staffWith({ clients: 'edit' })))?.type).toBe('permission-not-allowed');
    expect(refusal(() => assertMayGrant(lead, 'admin', fullPermissions()))?.type).toBe('role-not-allowed');
    expect(refusal(() => assertMayChange(lead, member('admin'), 'staff', noPermissions(), 1))?.type).toBe('role-not-allowed');
  });

  it('lets staff with users:edit lower or keep a level they do not hold, but not raise it', () => {
    const lead = member('staff', { users: 'edit' });
    const colleague = member('staff', { invoicing: 'edit' });
    expect(refusal(() => assertMayChange(lead, colleague, 'staff', staffWith({ invoicing: 'view' }), 1))).toBeUndefined();
    expect(refusal(() => assertMayChange(lead, colleague, 'staff', staffWith({ invoicing: 'edit', agenda: 'view' }), 1))?.type).toBe('permission-not-allowed');
  });
});
