import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Catalog } from './catalog';
import { nl } from './nl';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nl';

// The chosen language is a preference, not personal data: kept under one key in localStorage.
const STORAGE_KEY = 'homi.language';

const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

// Dutch (the default) is in the entry; every other catalog is its own chunk, fetched when chosen,
// so the sign-in page does not carry a language most visitors never see.
const catalogs: Record<Exclude<Language, 'nl'>, () => Promise<Catalog>> = {
  en: () => import('./en').then((m) => m.en),
};

/** Makes `language`'s catalog available (fetching it once); Dutch always is. */
export async function loadLanguage(language: Language): Promise<void> {
  if (language === 'nl' || i18n.hasResourceBundle(language, 'translation')) return;
  i18n.addResourceBundle(language, 'translation', await catalogs[language]());
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { nl: { translation: nl } },
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  // React escapes what it renders.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

const applyToDocument = (language: string) => {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
};
applyToDocument(i18n.language);
i18n.on('languageChanged', applyToDocument);

/** Starts in the language chosen on this browser before, once its catalog is here (Dutch if it cannot be fetched). */
export async function restoreLanguage(): Promise<void> {
  const language = storedLanguage();
  if (language === DEFAULT_LANGUAGE) return;
  try {
    await loadLanguage(language);
    await i18n.changeLanguage(language);
  } catch {
    // The chunk could not be fetched: stay in Dutch rather than show keys.
  }
}

export async function setLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode without storage: the choice lasts until the page is left.
  }
  await i18n.changeLanguage(language);
}

export const currentLanguage = (): Language => (isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE);
