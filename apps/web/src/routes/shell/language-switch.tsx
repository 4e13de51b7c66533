import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGES, setLanguage, type Language } from '../../i18n/i18n';

/** Nederlands / English: the choice is kept in this browser (a preference, not personal data). */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="sr-only">{t('language.label')}</label>
      <select
        id={id}
        value={currentLanguage()}
        onChange={(event) => void setLanguage(event.target.value as Language)}
        className="min-h-9 rounded-lg border border-stone-300 bg-white px-2 py-1 text-sm text-stone-900"
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
