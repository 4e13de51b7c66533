import { cn } from './cn';

export interface SegmentedOption<T extends string> {
  value: T;
  label: string;
  /** `aria-keyshortcuts`, when a key chooses it. */
  shortcut?: string;
}

/** A few mutually exclusive choices side by side (day · week): toggle buttons in a labelled group. */
export function SegmentedControl<T extends string>({ label, options, value, onChange, className }: {
  label: string;
  options: readonly SegmentedOption<T>[];
  value: T;
  onChange: (value: T) => void;
  className?: string;
}) {
  return (
    <div role="group" aria-label={label} className={cn('flex rounded-lg border border-stone-300 bg-white p-0.5', className)}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={value === option.value}
          aria-keyshortcuts={option.shortcut}
          onClick={() => onChange(option.value)}
          className={cn('min-h-10 rounded-md px-4 text-sm font-medium', value === option.value ? 'bg-brand-700 text-white' : 'text-stone-800 hover:bg-stone-100')}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
