import { createInstitute } from './create-institute';
import { inMemoryDeps } from './in-memory';

const TENANT = 'ten_0000000001';
const details = { tenantId: TENANT, name: 'Salon Anna', kvkNumber: '12345678', address: null, phone: null };

describe('createInstitute', () => {
  it('makes the profile from what identity holds, once, asking identity only the first time', async () => {
    const asked: string[] = [];
    const { deps, repositories } = inMemoryDeps({ institutes: { details: async (t) => {
      asked.push(t);
      return details;
    } } });
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
