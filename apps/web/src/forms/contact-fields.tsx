import type { FieldError, FieldValues, Path, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormField, TextInput } from '../ui';

/**
 * A client's e-mail address and phone number (the form's `email` and `phone`), as the client form
 * and a rectification ask for them: no autofill from the person at the keyboard, who is not the client.
 */
export function ClientContactFields<T extends FieldValues>({ register, errors, inRow }: {
  register: UseFormRegister<T>;
  errors: { email?: FieldError; phone?: FieldError };
  /** Side by side in a FieldRow, their inputs lined up. */
  inRow?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <FormField inRow={inRow} label={t('fields.client.email')} error={errors.email}>
        <TextInput type="email" inputMode="email" autoComplete="off" {...register('email' as Path<T>)} />
      </FormField>
      <FormField inRow={inRow} label={t('fields.client.phone')} hint={t('fields.phoneHint')} error={errors.phone}>
        <TextInput type="tel" autoComplete="off" {...register('phone' as Path<T>)} />
      </FormField>
    </>
  );
}
