import type { ReactNode } from 'react';

/** What a list or page shows when there is nothing (yet), and what to do about it. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-2 rounded-xl border border-dashed border-stone-300 bg-white px-6 py-10 text-center">
      <p className="text-base font-semibold text-stone-900">{title}</p>
      {children && <div className="max-w-md text-sm text-stone-700">{children}</div>}
      {action && <div className="mt-3">{action}</div>}
    </div>
  );
}
