import type { OwnerDeclaration } from '@homi/contracts';
import { checkRetentionCoverage, retentionCutoff, UNTIL_ACCOUNT_ERASURE } from './retention-period';

const at = (iso: string) => new Date(iso);

describe('retentionCutoff', () => {
  it('goes back calendar years, months, weeks and days in UTC', () => {
    expect(retentionCutoff(at('2030-03-01T10:00:00Z'), 'P2Y')).toEqual(at('2028-03-01T10:00:00Z'));
    expect(retentionCutoff(at('2030-03-31T10:00:00Z'), 'P1M')).toEqual(at('2030-02-28T10:00:00Z'));
    expect(retentionCutoff(at('2028-02-29T00:00:00Z'), 'P1Y')).toEqual(at('2027-02-28T00:00:00Z'));
    expect(retentionCutoff(at('2030-01-15T00:00:00Z'), 'P1Y2M1W3D')).toEqual(at('2028-11-05T00:00:00Z'));
    expect(retentionCutoff(at('2030-01-15T00:00:00Z'), 'P0D')).toEqual(at('2030-01-15T00:00:00Z'));
  });

  it('refuses what is not a date duration', () => {
    for (const bad of ['P', '2Y', 'PT1H', 'P-1D', 'P1.5Y']) expect(() => retentionCutoff(new Date(), bad)).toThrow(/ISO 8601/);
  });
});

const category = (name: string, period: string | null, startsAt = 'the last change'): OwnerDeclaration['categories'][number] => ({
  name, description: name, subjects: ['client'], fields: ['x'], purpose: 'p', legalBasis: 'contract', retention: { period, startsAt }, recipients: [], source: 's',
});
const declaration = (...categories: OwnerDeclaration['categories']): OwnerDeclaration => ({ owner: 'demo', version: '1', controllerRole: 'processor', categories });

describe('checkRetentionCoverage', () => {
  it('accepts a purge job per period and account-bound categories', () => {
    expect(() => checkRetentionCoverage(declaration(category('notes', 'P2Y'), category('profile', null, UNTIL_ACCOUNT_ERASURE)), ['notes'])).not.toThrow();
  });

  it('names every category whose retention nothing enforces', () => {
    const d = declaration(category('notes', 'P2Y'), category('vague', null, 'as long as needed'), category('profile', null, UNTIL_ACCOUNT_ERASURE));
    expect(() => checkRetentionCoverage(d, ['profile', 'ghost', 'ghost'])).toThrow(
      'retention of demo is not enforced: a purge job for profile, which declares no period; a purge job for ghost, which is not declared; ' +
        'a purge job for ghost, which is not declared; two purge jobs for ghost; notes declares P2Y but has no purge job; ' +
        `vague declares no period: its startsAt must be "${UNTIL_ACCOUNT_ERASURE}"`,
    );
  });
});
