import 'i18next';
import type { nl } from './nl';

// Typed keys: t('clients.title') compiles, a key missing from the Dutch catalog does not.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof nl };
  }
}
