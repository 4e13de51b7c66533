import type { ReactNode } from 'react';

/** The page's one h1, an optional line under it, and its main actions (right, or below on a phone). */
export function PageHeader({ title, description, actions, back }: { title: string; description?: ReactNode; actions?: ReactNode; back?: ReactNode }) {
  return (
    <header className="mb-6 flex flex-col gap-3">
      {back && <div className="text-sm">{back}</div>}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-stone-900 break-words">{title}</h1>
          {description && <div className="mt-1 text-sm text-stone-700">{description}</div>}
        </div>
        {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
      </div>
    </header>
  );
}
