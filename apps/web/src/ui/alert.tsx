import type { ReactNode } from 'react';
import { cn } from './cn';

export type AlertTone = 'info' | 'success' | 'warning' | 'danger';

const TONES: Record<AlertTone, string> = {
  info: 'border-sky-300 bg-sky-50 text-sky-950',
  success: 'border-emerald-300 bg-emerald-50 text-emerald-950',
  warning: 'border-amber-300 bg-amber-50 text-amber-950',
  danger: 'border-red-300 bg-red-50 text-red-950',
};
const ICONS: Record<AlertTone, string> = { info: 'i', success: '✓', warning: '!', danger: '!' };

export interface AlertProps {
  tone?: AlertTone;
  title: string;
  children?: ReactNode;
  /** Buttons or links: what the person can do about it. */
  actions?: ReactNode;
  className?: string;
}

/** A message in the page; danger and warning are announced at once (role alert), others politely. */
export function Alert({ tone = 'info', title, children, actions, className }: AlertProps) {
  return (
    <div role={tone === 'danger' || tone === 'warning' ? 'alert' : 'status'} className={cn('flex gap-3 rounded-lg border p-4', TONES[tone], className)}>
      <span aria-hidden="true" className="flex size-6 shrink-0 items-center justify-center rounded-full border border-current text-xs font-bold">
        {ICONS[tone]}
      </span>
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="font-semibold">{title}</p>
        {children && <div className="text-sm">{children}</div>}
        {actions && <div className="mt-2 flex flex-wrap gap-2">{actions}</div>}
      </div>
    </div>
  );
}
