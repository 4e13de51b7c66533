import { forwardRef, type SelectHTMLAttributes } from 'react';
import { controlClasses } from './text-input';
import { useFieldControlProps } from './form-field';

/** A native select (the phone's own picker on small screens), with the field wiring of TextInput. */
export const Select = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(({ className, children, ...props }, ref) => {
  const field = useFieldControlProps();
  return (
    <select
      ref={ref}
      {...field}
      className={controlClasses(Boolean(field['aria-invalid']), className)}
      {...props}
    >
      {children}
    </select>
  );
});
Select.displayName = 'Select';
