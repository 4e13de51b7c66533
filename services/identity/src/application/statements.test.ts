import { PrivacyStatementPublished, UserAccessChanged } from '@homi/contracts';
import { PrivacyStatement } from '../domain/privacy-statement';
import { User } from '../domain/user';
import { acceptPrivacyStatement } from './accept-privacy-statement';
import { inMemoryDeps } from './in-memory';
import { seedFirstStatement } from './privacy-statements';
import { publishPrivacyStatement } from './publish-privacy-statement';

const USER = 'usr_member01';

function withStatements() {
  const deps = inMemoryDeps();
  deps.repositories.statements.add(new PrivacyStatement('2025-06', new Date('2025-06-01T00:00:00Z'), 'oud'));
  deps.repositories.statements.add(new PrivacyStatement('2026-01', new Date('2026-01-01T00:00:00Z'), 'huidig'));
  deps.repositories.users.rows.set(USER, new User(USER, 'lid@example.nl', 'Lid', new Date('2026-01-01T00:00:00Z')));
  return deps;
}

describe('privacy statement acceptance', () => {
  it('records the current version once and announces only the first acceptance', async () => {
    const deps = withStatements();
    expect(await acceptPrivacyStatement(deps, USER, '2026-01')).toBe(true);
    expect(await acceptPrivacyStatement(deps, USER, '2026-01')).toBe(false);
    expect(await deps.repositories.statements.acceptedVersion(USER)).toBe('2026-01');
    expect(deps.published).toEqual([{ subject: UserAccessChanged.subject, data: expect.objectContaining({ userId: USER }) }]);
  });

  it('refuses a superseded version (409), an unknown one (400) and an unknown user (404), recording nothing', async () => {
    const deps = withStatements();
    await expect(acceptPrivacyStatement(deps, USER, '2025-06')).rejects.toMatchObject({ kind: 'conflict', type: 'privacy-statement-outdated' });
    await expect(acceptPrivacyStatement(deps, USER, '2027-01')).rejects.toMatchObject({ kind: 'invalid', type: 'unknown-privacy-statement-version' });
    await expect(acceptPrivacyStatement(deps, 'usr_unknown1', '2026-01')).rejects.toMatchObject({ kind: 'not_found' });
    expect(deps.repositories.statements.acceptances).toEqual([]);
    expect(deps.published).toEqual([]);
  });

  it('makes a newly published version current, so the accepted one is outdated; a version is published once', async () => {
    const deps = withStatements();
    await acceptPrivacyStatement(deps, USER, '2026-01');
    await publishPrivacyStatement(deps, { version: '2026-06', text: 'nieuw' });
    expect((await deps.repositories.statements.current())?.version).toBe('2026-06');
    await expect(acceptPrivacyStatement(deps, USER, '2026-01')).rejects.toMatchObject({ kind: 'conflict', type: 'privacy-statement-outdated' });
    await expect(publishPrivacyStatement(deps, { version: '2026-06', text: 'anders' })).rejects.toMatchObject({ kind: 'conflict', type: 'privacy-statement-version-exists' });
    expect(deps.published.filter((e) => e.subject === PrivacyStatementPublished.subject)).toHaveLength(1);
  });

  it('seeds the first version only into an empty store', async () => {
    const empty = inMemoryDeps();
    expect(await seedFirstStatement(empty)).toBe(true);
    expect(await seedFirstStatement(empty)).toBe(false);
    expect(empty.published.map((e) => e.subject)).toEqual([PrivacyStatementPublished.subject]);
    expect(await seedFirstStatement(withStatements())).toBe(false);
  });
});
