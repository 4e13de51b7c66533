import { identityApi } from '@homi/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrivacyStatement } from '../../api/privacy-statements';
import { useSignup } from '../../api/signup';
import { AddressFields } from '../../forms/address-fields';
import { applyProblem } from '../../forms/apply-problem';
import { useContractForm } from '../../forms/use-contract-form';
import { Button, FormField, ProblemMessage, TextInput } from '../../ui';
import { StatementAcceptance } from '../privacy/statement-acceptance';

export interface SignupFormValues {
  name: string;
  email: string;
  password: string;
  institute: {
    name: string;
    kvkNumber: string;
    phone: string;
    address: { street: string; houseNumber: string; postcode: string; city: string };
  };
  /** The version shown, once the person ticks the acceptance box; empty until then. */
  acceptedPrivacyStatementVersion: string;
}

const EMPTY: SignupFormValues = {
  name: '', email: '', password: '',
  institute: { name: '', kvkNumber: '', phone: '', address: { street: '', houseNumber: '', postcode: '', city: '' } },
  acceptedPrivacyStatementVersion: '',
};

/** Problems of sign-up that belong to one field although the API lists no `errors` for them. */
const FIELD_OF: Record<string, 'email'> = { 'email-taken': 'email' };

/** Sign-up as POST /signup takes it (identityApi.Signup), the statement shown with its version and date. */
export function SignupForm({ statement, onSignedUp }: { statement: PrivacyStatement; onSignedUp: () => void }) {
  const { t } = useTranslation();
  const signup = useSignup();
  const [problem, setProblem] = useState<unknown>();
  const form = useContractForm<SignupFormValues, typeof identityApi.Signup>(identityApi.Signup, { defaultValues: EMPTY });
  const { register, control, formState: { errors } } = form;
  const inst = errors.institute;

  const onSubmit = form.handleSubmit((body) => {
    setProblem(undefined);
    signup.mutate(body, { onSuccess: onSignedUp, onError: (error) => setProblem(applyProblem(error, form, FIELD_OF)) });
  });

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-8">
      {problem !== undefined && <ProblemMessage problem={problem} />}
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold">{t('signup.you')}</legend>
        <FormField label={t('fields.person.name')} error={errors.name} required>
          <TextInput autoComplete="name" {...register('name')} />
        </FormField>
        <FormField label={t('fields.person.email')} error={errors.email} required>
          <TextInput type="email" autoComplete="email" inputMode="email" {...register('email')} />
        </FormField>
        <FormField label={t('fields.person.password')} hint={t('fields.person.passwordHint')} error={errors.password} required>
          <TextInput type="password" autoComplete="new-password" {...register('password')} />
        </FormField>
      </fieldset>

      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-lg font-semibold">{t('signup.institute')}</legend>
        <FormField label={t('fields.institute.name')} error={inst?.name} required>
          <TextInput autoComplete="organization" {...register('institute.name')} />
        </FormField>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField label={t('fields.institute.kvkNumber')} hint={t('fields.institute.kvkNumberHint')} error={inst?.kvkNumber}>
            <TextInput inputMode="numeric" {...register('institute.kvkNumber')} />
          </FormField>
          <FormField label={t('fields.institute.phone')} hint={t('fields.phoneHint')} error={inst?.phone}>
            <TextInput type="tel" autoComplete="tel" {...register('institute.phone')} />
          </FormField>
        </div>
        <AddressFields prefix="institute.address" register={register} errors={inst?.address} legend={t('fields.institute.address')} />
      </fieldset>

      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-lg font-semibold">{t('signup.statement')}</legend>
        <StatementAcceptance control={control} name="acceptedPrivacyStatementVersion" statement={statement} />
      </fieldset>

      <div>
        <Button type="submit" busy={signup.isPending}>{t('signup.submit')}</Button>
      </div>
    </form>
  );
}
