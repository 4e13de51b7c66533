import { forwardRef, type InputHTMLAttributes } from 'react';
import { cn } from './cn';
import { useFieldControlProps } from './form-field';

export const controlClasses = (invalid: boolean, className?: string) =>
  cn(
    'block w-full min-h-11 rounded-lg border bg-white px-3 py-2 text-base text-stone-900 placeholder:text-stone-500 sm:text-sm',
    'disabled:cursor-not-allowed disabled:bg-stone-100 disabled:text-stone-600',
    invalid ? 'border-red-700' : 'border-stone-400',
    className,
  );

/** A text input; inside a FormField it takes the field's id, description and error state. */
export const TextInput = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(({ className, ...props }, ref) => {
  const field = useFieldControlProps();
  return (
    <input
      ref={ref}
      {...field}
      className={controlClasses(Boolean(field['aria-invalid']), className)}
      {...props}
    />
  );
});
TextInput.displayName = 'TextInput';

/** A multi-line text input, with the same field wiring. */
export const TextArea = forwardRef<HTMLTextAreaElement, React.TextareaHTMLAttributes<HTMLTextAreaElement>>(({ className, ...props }, ref) => {
  const field = useFieldControlProps();
  return (
    <textarea
      ref={ref}
      {...field}
      className={controlClasses(Boolean(field['aria-invalid']), cn('min-h-24', className))}
      {...props}
    />
  );
});
TextArea.displayName = 'TextArea';
