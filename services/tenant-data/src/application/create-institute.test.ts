import { createInstitute } from './create-institute';
import { shareInstituteName, updateInstitute } from './institute';
import { inMemoryDeps } from './in-memory';

const TENANT = 'ten_0000000001';
const details = { tenantId: TENANT, name: 'Salon Anna', kvkNumber: '12345678', address: null, phone: null };

describe('createInstitute', () => {
  it('makes the profile from what identity holds, once, asking identity only the first time', async () => {
    const asked: string[] = [];
    const { deps, repositories } = inMemoryDeps({ institutes: { details: async (t) => {
      asked.push(t);
      return details;
    }, shareName: async () => true } });
    expect(await createInstitute(deps, TENANT)).toBe('created');
    expect(await createInstitute(deps, TENANT)).toBe('exists');
    expect(asked).toEqual([TENANT]);
    expect(repositories.institutes.rows.get(TENANT)).toMatchObject({ name: 'Salon Anna', kvkNumber: '12345678' });
  });

  it('makes no profile for a tenant identity no longer knows', async () => {
    const { deps, repositories } = inMemoryDeps();
    expect(await createInstitute(deps, TENANT)).toBe('tenant-gone');
    expect(repositories.institutes.rows.size).toBe(0);
  });
});

describe('shareInstituteName (ADR 74)', () => {
  const told = () => {
    const names: [string, string][] = [];
    return { names, institutes: { details: async () => details, shareName: async (tenantId: string, name: string) => (names.push([tenantId, name]), true) } };
  };

  it('tells identity the name the profile holds now, whatever the event was about', async () => {
    const identity = told();
    const { deps } = inMemoryDeps({ institutes: identity.institutes });
    await createInstitute(deps, TENANT);
    await updateInstitute(deps, TENANT, { name: 'Salon Anna & Co' });
    await updateInstitute(deps, TENANT, { reminderLeadHours: 48 });
    expect(await shareInstituteName(deps, TENANT)).toBe('shared');
    expect(identity.names).toEqual([[TENANT, 'Salon Anna & Co']]);
  });

  it('asks identity nothing for a tenant without a profile, and says when identity no longer knows the tenant', async () => {
    const identity = told();
    const { deps } = inMemoryDeps({ institutes: identity.institutes });
    expect(await shareInstituteName(deps, TENANT)).toBe('no-profile');
    expect(identity.names).toEqual([]);
    const gone = inMemoryDeps({ institutes: { details: async () => details, shareName: async () => false } });
    await createInstitute(gone.deps, TENANT);
    expect(await shareInstituteName(gone.deps, TENANT)).toBe('tenant-gone');
  });
});
