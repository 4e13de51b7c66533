import { fullPermissions, noPermissions } from '@homi/contracts';
import { assertPermissionsFitRole, resolvePermissions } from './membership';

describe('permissions of a membership', () => {
  it('gives owners every permission, whatever is asked', () => {
    expect(resolvePermissions('owner', undefined)).toEqual(fullPermissions());
  });

  it('gives admins everything by default, less where asked', () => {
    expect(resolvePermissions('admin', { invoicing: 'none' })).toEqual({ ...fullPermissions(), invoicing: 'none' });
  });

  it('gives staff nothing by default, only what is given', () => {
    expect(resolvePermissions('staff', { clients: 'view' })).toEqual({ ...noPermissions(), clients: 'view' });
  });

  it('adjusts current permissions when a base is given, ignoring undefined levels', () => {
    const base = { ...noPermissions(), agenda: 'edit' as const };
    expect(resolvePermissions('staff', { clients: 'view', agenda: undefined }, base)).toEqual({ ...base, clients: 'view' });
  });

  it('refuses to give an owner less than everything', () => {
    expect(() => assertPermissionsFitRole('owner', { clients: 'view' })).toThrow('An owner always holds every permission.');
    expect(() => assertPermissionsFitRole('owner', { clients: 'edit' })).not.toThrow();
    expect(() => assertPermissionsFitRole('staff', { clients: 'view' })).not.toThrow();
  });
});
