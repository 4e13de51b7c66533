import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentStatement } from '../../api/privacy-statements';
import { useAuth } from '../../auth/auth-context';
import { currentLanguage } from '../../i18n/i18n';
import { Alert, Button, PageHeader, ProblemMessage, Skeleton } from '../../ui';
import { PublicLayout } from '../public-layout';
import { SignupForm } from './signup-form';

/** /signup (public): a person and their institute; then they sign in at the issuer's login page. */
export function SignupPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const statement = useCurrentStatement();
  const [done, setDone] = useState(false);
  return (
    <PublicLayout>
      <div className="mx-auto flex max-w-2xl flex-col gap-6">
        <PageHeader title={done ? t('signup.doneTitle') : t('signup.title')} description={done ? undefined : t('signup.lead')} />
        {done ? (
          <Alert
            tone="success"
            title={t('signup.done.title')}
            actions={<Button onClick={() => void auth.signIn('/start', currentLanguage())}>{t('auth.signIn')}</Button>}
          >
            {t('signup.done.text')}
          </Alert>
        ) : (
          <>
            {statement.isPending && <Skeleton lines={8} />}
            {statement.isError && <ProblemMessage problem={statement.error} onRetry={() => void statement.refetch()} />}
            {statement.data && <SignupForm statement={statement.data} onSignedUp={() => setDone(true)} />}
          </>
        )}
      </div>
    </PublicLayout>
  );
}
