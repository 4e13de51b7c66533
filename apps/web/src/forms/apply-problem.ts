import type { FieldPath, FieldValues, UseFormReturn } from 'react-hook-form';
import { i18n } from '../i18n/i18n';
import { isApiProblem, type ApiProblem } from '../api/problem';
import { encodeFieldMessage } from './field-message';

const valueAt = (values: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), values);

/**
 * Puts an API problem's field errors (`errors[].path`, e.g. `institute.name`) beside the form's
 * fields, and returns what the form must still show above itself: the problem, unless every one of
 * its errors found a field (anything that is not an ApiProblem is returned as is). `fieldOf` names the field of problems that concern one field without
 * listing it (`{ 'email-taken': 'email' }`). `under` is the member of the request body the form's
 * fields stand in (a rectification's `corrections`: the API's `corrections.phone` is the form's
 * `phone`). Use it in every form's mutation `onError`.
 */
export function applyProblem<TValues extends FieldValues>(
  error: unknown,
  form: Pick<UseFormReturn<TValues, unknown, unknown>, 'getValues' | 'setError'>,
  fieldOf: Record<string, string> = {},
  under?: string,
): ApiProblem | unknown {
  if (!isApiProblem(error)) return error;
  const values = form.getValues();
  const specific = `problems.field.${error.code}`;
  const key = (i18n.exists(specific) ? specific : 'validation.refused') as 'validation.refused';
  const named = fieldOf[error.code];
  const fields = error.errors.length === 0 && named ? [{ path: named, message: '' }] : error.errors;
  const formPath = (path: string) => (under === undefined ? path : path.startsWith(`${under}.`) ? path.slice(under.length + 1) : undefined);
  let placed = 0;
  for (const field of fields) {
    const path = formPath(field.path);
    if (path === undefined || valueAt(values, path) === undefined) continue;
    form.setError(path as FieldPath<TValues>, { type: 'server', message: encodeFieldMessage({ key }) }, { shouldFocus: placed === 0 });
    placed++;
  }
  return placed > 0 && placed === fields.length ? undefined : error;
}
