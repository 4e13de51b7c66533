import { afterEach, describe, expect, it } from 'vitest';
import { currentLanguage, i18n, restoreLanguage, setLanguage } from './i18n';

describe('the language', () => {
  afterEach(async () => {
    await i18n.changeLanguage('nl');
  });

  it('starts in the language chosen on this browser before', async () => {
    localStorage.setItem('homi.language', 'en');
    await restoreLanguage();
    expect(currentLanguage()).toBe('en');
    expect(i18n.t('language.label')).toBe('Language');
    expect(document.documentElement.lang).toBe('en');
  });

  it('stays Dutch for an unknown stored choice', async () => {
    localStorage.setItem('homi.language', 'fr');
    await restoreLanguage();
    expect(currentLanguage()).toBe('nl');
    expect(i18n.t('language.label')).toBe('Taal');
  });

  it('remembers a choice for the next visit', async () => {
    await setLanguage('en');
    expect(localStorage.getItem('homi.language')).toBe('en');
    expect(i18n.t('language.nl')).toBe('Nederlands');
  });
});
