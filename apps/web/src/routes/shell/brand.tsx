import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';

/** HOMi's name as a link home. */
export function Brand({ to = '/' }: { to?: '/' | '/start' }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="flex items-center gap-2 rounded-lg text-lg font-semibold text-stone-900 no-underline">
      <svg aria-hidden="true" viewBox="0 0 32 32" className="size-8">
        <rect width="32" height="32" rx="8" fill="#0f5c55" />
        <path d="M9 23V9h3v5.5h8V9h3v14h-3v-5.8h-8V23z" fill="#fff" />
      </svg>
      <span>HOMi</span>
      <span className="sr-only">{t('common.home')}</span>
    </Link>
  );
}
