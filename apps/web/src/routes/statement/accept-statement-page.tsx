import { useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAcceptStatement, useMe } from '../../api/me';
import { useCurrentStatement } from '../../api/privacy-statements';
import { useAuth } from '../../auth/auth-context';
import { encodeFieldMessage } from '../../forms/field-message';
import { takeReturnTo } from '../../auth/return-to';
import { Alert, Button, Checkbox, PageHeader, ProblemMessage, Skeleton } from '../../ui';
import { StatementMeta, StatementText } from '../privacy/statement-text';
import { Brand } from '../shell/brand';
import { LanguageSwitch } from '../shell/language-switch';

/**
 * /statement: a new privacy statement version is in force (the gateway answers
 * `privacy-statement-acceptance-required` until it is accepted): read it, accept it, carry on.
 */
export function AcceptStatementPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const router = useRouter();
  const me = useMe();
  const statement = useCurrentStatement();
  const accept = useAcceptStatement();
  const [checked, setChecked] = useState(false);
  const [unchecked, setUnchecked] = useState(false);
  const alreadyAccepted = me.data && me.data.acceptedPrivacyStatementVersion === me.data.currentPrivacyStatementVersion;
  const carryOn = () => router.history.replace(takeReturnTo('/start'));

  const submit = () => {
    if (!statement.data) return;
    if (!checked) return setUnchecked(true);
    accept.mutateAsync({ version: statement.data.version, tenantId: me.data?.memberships[0]?.tenantId }).then(carryOn, () => {
      // The problem shows from the mutation's state.
    });
  };

  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-3xl items-center justify-between gap-3 px-4 py-3">
          <Brand to="/start" />
          <div className="flex items-center gap-2">
            <LanguageSwitch />
            <Button size="sm" variant="ghost" onClick={() => void auth.signOut()}>{t('auth.signOut')}</Button>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto flex w-full max-w-3xl flex-col gap-5 px-4 py-8">
        <PageHeader title={t('statement.title')} description={t('statement.lead')} />
        {statement.isPending && <Skeleton lines={6} />}
        {statement.isError && <ProblemMessage problem={statement.error} onRetry={() => void statement.refetch()} />}
        {statement.data && (
          <>
            <StatementMeta statement={statement.data} />
            <StatementText text={statement.data.text} scroll label={t('statement.textLabel')} />
            {alreadyAccepted ? (
              <Alert tone="success" title={t('statement.accepted')} actions={<Button onClick={carryOn}>{t('statement.continue')}</Button>} />
            ) : (
              <form
                noValidate
                className="flex flex-col gap-4"
                onSubmit={(event) => {
                  event.preventDefault();
                  submit();
                }}
              >
                <Checkbox
                  checked={checked}
                  onChange={(event) => {
                    setChecked(event.target.checked);
                    setUnchecked(false);
                  }}
                  label={t('statement.checkbox', { version: statement.data.version })}
                  error={unchecked ? { type: 'required', message: encodeFieldMessage({ key: 'statement.mustAccept' }) } : undefined}
                />
                {accept.isError && <ProblemMessage problem={accept.error} />}
                <div>
                  <Button type="submit" busy={accept.isPending}>{t('statement.accept')}</Button>
                </div>
              </form>
            )}
          </>
        )}
      </main>
    </div>
  );
}
