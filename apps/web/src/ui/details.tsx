import type { ReactNode } from 'react';

/** One label and value of a description list (`<dl>`): beside each other on wider screens, stacked on a phone. */
export function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 sm:flex-row sm:gap-4">
      <dt className="text-sm font-medium text-stone-700 sm:w-40 sm:shrink-0">{label}</dt>
      <dd className="min-w-0 break-words text-stone-900">{children}</dd>
    </div>
  );
}
