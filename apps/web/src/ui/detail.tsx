import type { ReactNode } from 'react';

/** Label–value pairs (a client's contact details, a request's facts): stacked on a phone, side by side from `sm`. */
export function DetailList({ children }: { children: ReactNode }) {
  return <dl className="flex flex-col gap-3">{children}</dl>;
}

/**
 * A label and its value: beside each other from `sm` (a client's contact details), or with `stacked`
 * the label over the value at every width, smaller (the facts on a support request's card).
 */
export function Detail({ label, children, stacked = false }: { label: string; children: ReactNode; stacked?: boolean }) {
  return (
    <div className={stacked ? 'flex flex-col gap-0.5' : 'flex flex-col gap-0.5 sm:flex-row sm:gap-4'}>
      <dt className={stacked ? 'text-xs text-stone-600' : 'text-sm font-medium text-stone-700 sm:w-40 sm:shrink-0'}>{label}</dt>
      <dd className={stacked ? 'text-sm text-stone-900' : 'min-w-0 break-words text-stone-900'}>{children}</dd>
    </div>
  );
}
