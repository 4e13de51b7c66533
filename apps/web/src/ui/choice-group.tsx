import { forwardRef, useId, type InputHTMLAttributes } from 'react';
import type { FieldError } from 'react-hook-form';
import { cn } from './cn';
import { useFieldErrorText } from './use-field-error';

export interface Choice {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface ChoiceGroupProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'children'> {
  /** The group's visible label (its accessible name). */
  label: string;
  choices: readonly Choice[];
  hint?: string;
  error?: FieldError;
  /** `inline` (default): the label beside the options on wider screens; `stacked`: options one under the other. */
  layout?: 'inline' | 'stacked';
  className?: string;
}

/**
 * One choice out of a few, as native radio buttons that look like a segmented control: the arrow keys
 * move between them, each option is labelled, a disabled one stays visible. Spread react-hook-form's
 * `register(name)` on it; on a phone the label sits above the options, wider beside them.
 */
export const ChoiceGroup = forwardRef<HTMLInputElement, ChoiceGroupProps>(({ label, choices, hint, error, layout = 'inline', className, disabled, ...input }, ref) => {
  const stacked = layout === 'stacked';
  const id = useId();
  const message = useFieldErrorText(error);
  const describedBy = [hint ? `${id}-hint` : undefined, message ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cn('flex flex-col gap-1', className)}>
      <div
        role="radiogroup"
        aria-labelledby={`${id}-label`}
        aria-describedby={describedBy}
        aria-invalid={message ? true : undefined}
        className={cn('flex flex-col gap-2', !stacked && 'sm:flex-row sm:items-center sm:justify-between sm:gap-4')}
      >
        <span id={`${id}-label`} className="text-sm font-medium text-stone-900">{label}</span>
        <div className={cn('grid gap-1 rounded-lg bg-stone-100 p-1', stacked ? 'grid-cols-1' : 'grid-cols-3 sm:w-96 sm:shrink-0')}>
          {choices.map((choice) => (
            <label
              key={choice.value}
              className={cn(
                'flex min-h-10 cursor-pointer items-center gap-1.5 rounded-md px-2 text-sm text-stone-800',
                !stacked && 'justify-center',
                'has-checked:bg-white has-checked:font-semibold has-checked:text-brand-800 has-checked:shadow-sm has-checked:ring-1 has-checked:ring-brand-600',
                'has-focus-visible:outline-2 has-focus-visible:outline-offset-1 has-focus-visible:outline-brand-600',
                'has-disabled:cursor-not-allowed has-disabled:text-stone-500',
              )}
            >
              <input ref={ref} type="radio" value={choice.value} disabled={choice.disabled || disabled} className="size-4 shrink-0 accent-brand-700" {...input} />
              {choice.label}
            </label>
          ))}
        </div>
      </div>
      {hint && <p id={`${id}-hint`} className="text-xs text-stone-600">{hint}</p>}
      {message && <p id={`${id}-error`} className="text-sm font-medium text-red-700">{message}</p>}
    </div>
  );
});
ChoiceGroup.displayName = 'ChoiceGroup';
