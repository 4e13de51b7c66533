import { useRouter } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/auth-context';
import { Alert, ButtonLink, Loading } from '../../ui';

/** Where the issuer sends the browser back: exchanges the code for tokens, then opens the page asked for. */
export function CallbackPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const router = useRouter();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    auth.completeSignIn().then(
      (returnTo) => router.history.replace(returnTo),
      () => setFailed(true),
    );
  }, [auth, router]);
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-12">
      <h1 className="sr-only">{t('auth.callbackTitle')}</h1>
      {failed ? (
        <Alert tone="danger" title={t('auth.callbackFailed.title')} actions={<ButtonLink to="/">{t('notFound.home')}</ButtonLink>}>
          {t('auth.callbackFailed.text')}
        </Alert>
      ) : (
        <Loading label={t('auth.completing')} />
      )}
    </main>
  );
}
