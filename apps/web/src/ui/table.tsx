import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './button';
import { cn } from './cn';

/** A data table with a caption (said to screen readers; `captionHidden` keeps it out of sight). */
export function Table({ caption, captionHidden = true, children }: { caption: string; captionHidden?: boolean; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white">
      <table className="w-full border-collapse text-left text-sm">
        <caption className={captionHidden ? 'sr-only' : 'p-4 text-left font-semibold'}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export const TableHead = ({ children }: { children: ReactNode }) => (
  <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-700">{children}</thead>
);
export const TableBody = ({ children }: { children: ReactNode }) => <tbody className="divide-y divide-stone-100">{children}</tbody>;
export const TableRow = ({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) => (
  <tr className={cn('hover:bg-stone-50', className)} {...props} />
);
export const TableHeaderCell = ({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) => (
  <th scope="col" className={cn('px-4 py-3 font-semibold', className)} {...props} />
);
export const TableCell = ({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) => (
  <td className={cn('px-4 py-3 align-top', className)} {...props} />
);

export interface PaginationProps {
  /** 1-based. */
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  busy?: boolean;
}

/** Previous / next over a cursor-paged list, with the page number. */
export function Pagination({ page, hasPrevious, hasNext, onPrevious, onNext, busy }: PaginationProps) {
  const { t } = useTranslation();
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav aria-label={t('common.pagination')} className="mt-4 flex items-center justify-between gap-2">
      <Button variant="secondary" size="sm" onClick={onPrevious} disabled={!hasPrevious || busy}>
        <span aria-hidden="true">←</span> {t('common.previousPage')}
      </Button>
      <span className="text-sm text-stone-700" aria-live="polite">{t('common.pageNumber', { page })}</span>
      <Button variant="secondary" size="sm" onClick={onNext} disabled={!hasNext || busy}>
        {t('common.nextPage')} <span aria-hidden="true">→</span>
      </Button>
    </nav>
  );
}
