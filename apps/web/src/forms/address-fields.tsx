import type { FieldError, FieldValues, Path, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FieldRow, FormField, TextInput } from '../ui';

type AddressErrors = Partial<Record<'street' | 'houseNumber' | 'postcode' | 'city', FieldError>>;

/**
 * The four fields of a Dutch address (contracts' `address`), as one group: left wholly empty it is
 * not sent; partly filled, the schema asks for the rest.
 */
export function AddressFields<T extends FieldValues>({ prefix, register, errors, legend }: {
  prefix: string;
  register: UseFormRegister<T>;
  errors?: AddressErrors;
  legend: string;
}) {
  const { t } = useTranslation();
  const name = (field: keyof AddressErrors) => `${prefix}.${field}` as Path<T>;
  return (
    <fieldset className="flex flex-col gap-4">
      <legend className="mb-1 text-sm font-semibold text-stone-900">{legend}</legend>
      <p className="-mt-2 text-xs text-stone-600">{t('fields.address.optional')}</p>
      <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
        <FormField label={t('fields.address.street')} error={errors?.street}>
          <TextInput autoComplete="address-line1" {...register(name('street'))} />
        </FormField>
        <FormField label={t('fields.address.houseNumber')} error={errors?.houseNumber}>
          <TextInput {...register(name('houseNumber'))} />
        </FormField>
      </div>
      {/* The postcode has a hint and the city none: the row lines their inputs up. */}
      <FieldRow className="sm:grid-cols-[10rem_1fr]">
        <FormField inRow label={t('fields.address.postcode')} hint={t('fields.address.postcodeHint')} error={errors?.postcode}>
          <TextInput autoComplete="postal-code" {...register(name('postcode'))} />
        </FormField>
        <FormField inRow label={t('fields.address.city')} error={errors?.city}>
          <TextInput autoComplete="address-level2" {...register(name('city'))} />
        </FormField>
      </FieldRow>
    </fieldset>
  );
}
