import { useTranslation } from 'react-i18next';
import { EmptyState, ButtonLink } from '../ui';

/** Any path the app does not know (the gateway answers every page path with the app). */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-12">
      <h1 className="sr-only">{t('notFound.title')}</h1>
      <EmptyState title={t('notFound.title')} action={<ButtonLink to="/">{t('notFound.home')}</ButtonLink>}>
        {t('notFound.text')}
      </EmptyState>
    </main>
  );
}
