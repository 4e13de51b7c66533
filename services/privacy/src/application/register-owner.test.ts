import { privacyDeclaration } from '../privacy';
import { inMemoryDeps } from './in-memory';
import { registerOwner } from './register-owner';

describe('registerOwner', () => {
  it('keeps the declaration announced last, by the announcement time the event carries', async () => {
    const { owners } = inMemoryDeps();
    const v2 = { ...privacyDeclaration, owner: 'tenant-data', version: '2' };
    const v1 = { ...v2, version: '1' };
    expect(await registerOwner({ owners }, { declaration: v2, occurredAt: '2026-03-02T10:00:00.000Z' })).toBe('registered');
    // Out of order: an earlier announcement arriving later does not replace the newer one.
    expect(await registerOwner({ owners }, { declaration: v1, occurredAt: '2026-03-01T10:00:00.000Z' })).toBe('older');
    expect(owners.rows.get('tenant-data')).toEqual({ declaration: v2, announcedAt: new Date('2026-03-02T10:00:00.000Z') });
  });
});
