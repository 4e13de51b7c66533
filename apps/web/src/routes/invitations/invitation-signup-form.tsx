import { identityApi } from '@homi/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInvitationSignup, type InvitationPreview } from '../../api/invitations';
import type { PrivacyStatement } from '../../api/privacy-statements';
import { isProblem } from '../../api/problem';
import { applyProblem } from '../../forms/apply-problem';
import { useContractForm } from '../../forms/use-contract-form';
import { Button, FormField, ProblemMessage, TextInput } from '../../ui';
import { StatementAcceptance } from '../privacy/statement-acceptance';

interface Values {
  token: string;
  name: string;
  password: string;
  /** The version shown, once ticked; empty until then (then it is asked at the first sign-in). */
  acceptedPrivacyStatementVersion: string;
}

export interface InvitationSignupFormProps {
  token: string;
  invitation: InvitationPreview;
  statement: PrivacyStatement;
  onSignedUp: (tenantId: string) => void;
  /** The address already has an account: sign in with it and accept instead. */
  onHasAccount: () => void;
}

/** An account through the invitation (POST /invitation-signups): the invited address, a name, a password, the statement. */
export function InvitationSignupForm({ token, invitation, statement, onSignedUp, onHasAccount }: InvitationSignupFormProps) {
  const { t } = useTranslation();
  const signup = useInvitationSignup();
  const [problem, setProblem] = useState<unknown>();
  const form = useContractForm<Values, typeof identityApi.InvitationSignup>(identityApi.InvitationSignup, {
    defaultValues: { token, name: invitation.suggestedName ?? '', password: '', acceptedPrivacyStatementVersion: '' },
  });
  const { register, control, formState: { errors } } = form;
  const submit = form.handleSubmit((body) => {
    setProblem(undefined);
    signup.mutate(body, {
      onSuccess: (result) => onSignedUp(result.tenantId),
      onError: (error) => (isProblem(error, 'email-taken') ? onHasAccount() : setProblem(applyProblem(error, form))),
    });
  });
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-4">
      {problem !== undefined && <ProblemMessage problem={problem} />}
      <div className="flex flex-col gap-1">
        <span className="text-sm font-medium text-stone-900">{t('fields.person.email')}</span>
        <span className="break-all text-stone-900">{invitation.email}</span>
        <span className="text-xs text-stone-600">{t('invitations.signup.emailFixed')}</span>
      </div>
      <FormField label={t('fields.person.name')} error={errors.name} required>
        <TextInput autoComplete="name" {...register('name')} />
      </FormField>
      <FormField label={t('fields.person.password')} hint={t('fields.person.passwordHint')} error={errors.password} required>
        <TextInput type="password" autoComplete="new-password" {...register('password')} />
      </FormField>
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 font-semibold">{t('signup.statement')}</legend>
        <StatementAcceptance control={control} name="acceptedPrivacyStatementVersion" statement={statement} />
        <p className="text-xs text-stone-600">{t('invitations.signup.statementLater')}</p>
      </fieldset>
      <div>
        <Button type="submit" busy={signup.isPending}>{t('invitations.signup.submit')}</Button>
      </div>
    </form>
  );
}
