import { createContext, useContext, useId, type ReactNode } from 'react';
import type { FieldError } from 'react-hook-form';
import { cn } from './cn';
import { useFieldErrorText } from './use-field-error';

interface FieldControl {
  id: string;
  describedBy?: string;
  invalid: boolean;
  required?: boolean;
}

const FieldContext = createContext<FieldControl | undefined>(undefined);

/** The id and ARIA attributes a control inside a FormField takes (TextInput, Select, Checkbox do). */
export function useFieldControl(): FieldControl | undefined {
  return useContext(FieldContext);
}

/** useFieldControl as the props to spread on the control. */
export function useFieldControlProps() {
  const field = useFieldControl();
  return {
    id: field?.id,
    'aria-describedby': field?.describedBy,
    'aria-invalid': field?.invalid || undefined,
    'aria-required': field?.required || undefined,
  };
}

export interface FormFieldProps {
  label: string;
  /** Always shown under the label: the expected format, an example. */
  hint?: string;
  /** From react-hook-form (`formState.errors.name` or a Controller's fieldState.error). */
  error?: FieldError;
  required?: boolean;
  children: ReactNode;
  className?: string;
  /**
   * Side by side with other fields in a FieldRow (from sm up): label, hint, control and error each
   * take a row of the row's grid, so the controls line up when only one of them has a hint.
   */
  inRow?: boolean;
}

/**
 * Fields (each `inRow`) side by side from sm up, in the columns `className` gives; stacked on a phone.
 * Fields that wrap onto a second line line up there too. Within a field its own gap applies (a
 * subgrid's gap replaces its parent's), between lines the row's.
 */
export function FieldRow({ className, children }: { className: string; children: ReactNode }) {
  return <div className={cn('grid gap-4', className)}>{children}</div>;
}

/**
 * A labelled form control with its hint and its error beside it, the error translated from its
 * catalog key (useContractForm and applyProblem put keys there) and tied to the control with
 * aria-describedby and aria-invalid.
 */
export function FormField({ label, hint, error, required, children, className, inRow }: FormFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const message = useFieldErrorText(error);
  const describedBy = [hint ? hintId : undefined, message ? errorId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cn('flex flex-col gap-1', inRow && 'sm:row-span-4 sm:grid sm:grid-rows-subgrid sm:gap-1', className)}>
      <label htmlFor={id} className="text-sm font-medium text-stone-900">
        {label}
        {required && <span className="text-red-700" aria-hidden="true"> *</span>}
      </label>
      {hint ? <p id={hintId} className="text-xs text-stone-600">{hint}</p> : inRow && <span aria-hidden="true" className="hidden sm:block" />}
      <FieldContext.Provider value={{ id, describedBy, invalid: Boolean(message), required }}>{children}</FieldContext.Provider>
      {message && (
        <p id={errorId} className="flex items-start gap-1 text-sm font-medium text-red-700">
          <span aria-hidden="true">!</span>
          {message}
        </p>
      )}
    </div>
  );
}
