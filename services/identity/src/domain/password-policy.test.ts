import { passwordProblems } from './password-policy';

describe('the realm password policy', () => {
  it('accepts 12 to 128 characters that are not the address', () => {
    expect(passwordProblems('correct horse battery', 'anna@example.nl')).toEqual([]);
    expect(passwordProblems('x'.repeat(128), 'anna@example.nl')).toEqual([]);
  });

  it('refuses short, overlong, and address-like passwords', () => {
    expect(passwordProblems('kort', 'anna@example.nl')).toEqual(['must be at least 12 characters']);
    expect(passwordProblems('x'.repeat(129), 'anna@example.nl')).toEqual(['must be at most 128 characters']);
    expect(passwordProblems('Anna.Jansen@Example.nl', 'anna.jansen@example.nl')).toEqual(['must not be the e-mail address']);
  });

  it('counts characters, not bytes', () => {
    expect(passwordProblems('ééééééééééé', 'anna@example.nl')).toEqual(['must be at least 12 characters']);
  });
});
