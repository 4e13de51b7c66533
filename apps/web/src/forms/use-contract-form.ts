import { toNestErrors, validateFieldsNatively } from '@hookform/resolvers';
import { useForm, type DefaultValues, type FieldError, type FieldValues, type Mode, type Resolver, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { cleanFormValues, type EmptyAs } from './clean-values';
import { encodeFieldMessage } from './field-message';
import { issueMessage } from './issue-message';

/** Validates form values with a schema from @homi/contracts; errors carry catalog keys (see FormField). */
export function contractResolver<TValues extends FieldValues, S extends z.ZodType>(schema: S, emptyAs: EmptyAs): Resolver<TValues, unknown, z.output<S>> {
  return async (values, _context, options) => {
    // reportInput: issueMessage tells a missing value (required) from a wrong one (invalid) by the issue's input.
    const result = await schema.safeParseAsync(cleanFormValues(values, emptyAs), { reportInput: true });
    if (result.success) {
      if (options.shouldUseNativeValidation) validateFieldsNatively({}, options);
      return { values: result.data, errors: {} };
    }
    const errors: Record<string, FieldError> = {};
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.');
      errors[path] ??= { type: issue.code, message: encodeFieldMessage(issueMessage(issue)) };
    }
    return { values: {}, errors: toNestErrors(errors, options) };
  };
}

export interface ContractFormOptions<TValues extends FieldValues> {
  /** Every field, as text ('' when empty): applyProblem finds a field by its value being defined. */
  defaultValues: DefaultValues<TValues>;
  /** `undefined` for create forms (empty = absent), `null` for change forms (empty = cleared). */
  emptyAs?: EmptyAs;
  /** When to validate; default on leaving a field, then on every change. */
  mode?: Mode;
}

/**
 * A react-hook-form form validated by the same zod schema the service validates the request with.
 * `handleSubmit` hands over the parsed request body, ready to send.
 */
export function useContractForm<TValues extends FieldValues, S extends z.ZodType>(
  schema: S,
  { emptyAs = 'undefined', defaultValues, mode = 'onTouched' }: ContractFormOptions<TValues>,
): UseFormReturn<TValues, unknown, z.output<S>> {
  return useForm<TValues, unknown, z.output<S>>({ mode, defaultValues, resolver: contractResolver<TValues, S>(schema, emptyAs) });
}
