import { forwardRef, useId, type InputHTMLAttributes, type ReactNode } from 'react';
import type { FieldError } from 'react-hook-form';
import { useFieldErrorText } from './use-field-error';

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> {
  label: ReactNode;
  error?: FieldError;
}

/** A checkbox with its label to the right and its error below, tied by aria-describedby. */
export const Checkbox = forwardRef<HTMLInputElement, CheckboxProps>(({ label, error, id: givenId, ...props }, ref) => {
  const generated = useId();
  const id = givenId ?? generated;
  const message = useFieldErrorText(error);
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-start gap-3">
        <input
          ref={ref}
          id={id}
          type="checkbox"
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${id}-error` : undefined}
          className="mt-0.5 size-5 shrink-0 rounded border-stone-400 accent-brand-700"
          {...props}
        />
        <label htmlFor={id} className="text-sm text-stone-900">{label}</label>
      </div>
      {message && <p id={`${id}-error`} className="ml-8 text-sm font-medium text-red-700">{message}</p>}
    </div>
  );
});
Checkbox.displayName = 'Checkbox';
