import type { FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { decodeFieldMessage } from '../forms/field-message';

/** A field error's text in the person's language (its message holds a catalog key; see forms/field-message). */
export function useFieldErrorText(error: FieldError | undefined): string | undefined {
  const { t } = useTranslation();
  if (!error) return undefined;
  const decoded = decodeFieldMessage(error.message);
  return t(decoded?.key ?? 'validation.invalid', decoded?.values ?? {});
}
