import type { ReactNode } from 'react';

/** Label–value pairs (a client's contact details, a request's facts): stacked on a phone, side by side from `sm`. */
export function DetailList({ children }: { children: ReactNode }) {
  return <dl className="flex flex-col gap-3">{children}</dl>;
}

export function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 sm:flex-row sm:gap-4">
      <dt className="text-sm font-medium text-stone-700 sm:w-40 sm:shrink-0">{label}</dt>
      <dd className="min-w-0 break-words text-stone-900">{children}</dd>
    </div>
  );
}
