import { privacyDeclaration } from '../privacy';
import { inMemoryDeps, TEST_SETTINGS } from './in-memory';
import { commandableOwners } from './known-owners';
import { registerOwner } from './register-owner';

const declarationOf = (owner: string, version = '1') => ({ ...privacyDeclaration, owner, version });
const at = (iso: string) => ({ occurredAt: iso });

describe('registerOwner', () => {
  it('keeps the declaration announced last, by the announcement time the event carries', async () => {
    const { owners } = inMemoryDeps();
    const v2 = declarationOf('tenant-data', '2');
    const v1 = { ...v2, version: '1' };
    expect(await registerOwner({ owners }, TEST_SETTINGS, 'tenant-data', { declaration: v2, ...at('2026-03-02T10:00:00.000Z') })).toBe('registered');
    // Out of order: an earlier announcement arriving later does not replace the newer one.
    expect(await registerOwner({ owners }, TEST_SETTINGS, 'tenant-data', { declaration: v1, ...at('2026-03-01T10:00:00.000Z') })).toBe('older');
    expect(owners.rows.get('tenant-data')).toEqual({ declaration: v2, announcedAt: new Date('2026-03-02T10:00:00.000Z') });
  });

  it('refuses an owner the configuration does not name', async () => {
    const { owners } = inMemoryDeps();
    const outcome = await registerOwner({ owners }, TEST_SETTINGS, 'test-owner-1a2b3c', { declaration: declarationOf('test-owner-1a2b3c'), ...at('2026-03-02T10:00:00.000Z') });
    expect(outcome).toBe('refused-unknown-owner');
    expect(owners.rows.size).toBe(0);
  });

  it('refuses a declaration for another owner than the subject it came on names', async () => {
    const { owners } = inMemoryDeps();
    // billing-integration's credential may publish on its own subject only; it cannot speak for tenant-data.
    const spoofed = await registerOwner({ owners }, TEST_SETTINGS, 'billing-integration', { declaration: declarationOf('tenant-data'), ...at('2026-03-02T10:00:00.000Z') });
    expect(spoofed).toBe('refused-subject-mismatch');
    expect(await registerOwner({ owners }, TEST_SETTINGS, undefined, { declaration: declarationOf('tenant-data'), ...at('2026-03-02T10:00:00.000Z') })).toBe('refused-subject-mismatch');
    expect(owners.rows.size).toBe(0);
  });
});

describe('commandableOwners', () => {
  it('leaves out registrations of owners the configuration no longer names', async () => {
    const { owners } = inMemoryDeps();
    await owners.announce(declarationOf('tenant-data'), new Date());
    await owners.announce(declarationOf('test-owner-1a2b3c'), new Date());
    expect(await commandableOwners(owners, TEST_SETTINGS)).toEqual(['tenant-data']);
    expect(await commandableOwners(owners, { owners: ['identity'] })).toEqual([]);
  });
});
