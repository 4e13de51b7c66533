import { useTranslation } from 'react-i18next';
import { cn } from './cn';
import { Spinner } from './spinner';

/** "Loading…" with a spinner, announced politely. */
export function Loading({ label, className }: { label?: string; className?: string }) {
  const { t } = useTranslation();
  return (
    <div role="status" className={cn('flex items-center gap-2 py-6 text-sm text-stone-700', className)}>
      <Spinner className="size-5 text-brand-700" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

/** Grey placeholder blocks in the shape of what is coming; hidden from screen readers (pair with Loading's text). */
export function Skeleton({ lines = 3, className }: { lines?: number; className?: string }) {
  const { t } = useTranslation();
  return (
    <div role="status" className={cn('flex flex-col gap-3', className)}>
      <span className="sr-only">{t('common.loading')}</span>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} aria-hidden="true" className={cn('h-4 animate-pulse rounded bg-stone-200', i % 3 === 2 ? 'w-2/3' : 'w-full')} />
      ))}
    </div>
  );
}
