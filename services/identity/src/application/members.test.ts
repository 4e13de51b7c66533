import { fullPermissions, identityApi, noPermissions } from '@homi/contracts';
import { Membership } from '../domain/membership';
import { Tenant } from '../domain/tenant';
import { getInstituteDetails } from './get-institute-details';
import { inMemoryDeps } from './in-memory';
import { listMembers } from './members';

const at = (iso: string) => new Date(iso);

describe('listMembers', () => {
  it("lists the tenant's members with name and address, oldest membership first, and no other tenant's", async () => {
    const deps = inMemoryDeps();
    const { memberships } = deps.repositories;
    memberships.rows.push(
      new Membership('ten_b', 'usr_x', 'owner', fullPermissions(), at('2026-01-01T00:00:00Z')),
      new Membership('ten_a', 'usr_2', 'staff', noPermissions(), at('2026-03-01T00:00:00Z')),
      new Membership('ten_a', 'usr_1', 'owner', fullPermissions(), at('2026-02-01T00:00:00Z')),
    );
    memberships.users.set('usr_1', { email: 'een@example.nl', name: 'Een' });
    memberships.users.set('usr_2', { email: 'twee@example.nl', name: 'Twee' });
    const rows = await listMembers(deps, 'ten_a');
    expect(rows.map((r) => [r.membership.userId, r.email, r.name])).toEqual([
      ['usr_1', 'een@example.nl', 'Een'],
      ['usr_2', 'twee@example.nl', 'Twee'],
    ]);
  });

  it('is empty for a tenant without members', async () => {
    expect(await listMembers(inMemoryDeps(), 'ten_none')).toEqual([]);
  });
});

describe('getInstituteDetails', () => {
  it('returns the tenant as given at sign-up', async () => {
    const deps = inMemoryDeps();
    const tenant = new Tenant('ten_a', 'Praktijk A', at('2026-01-01T00:00:00Z'));
    tenant.phone = '+31201234567';
    deps.repositories.tenants.rows.set(tenant.id, tenant);
    expect(await getInstituteDetails(deps, 'ten_a')).toBe(tenant);
  });

  it('is not_found with its own problem type for an unknown tenant', async () => {
    await expect(getInstituteDetails(inMemoryDeps(), 'ten_none')).rejects.toMatchObject({
      kind: 'not_found',
      type: identityApi.TENANT_NOT_FOUND_PROBLEM,
    });
  });
});
