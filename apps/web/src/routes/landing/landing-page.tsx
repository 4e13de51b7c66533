import { Navigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useAuth, useAuthState } from '../../auth/auth-context';
import { takeReturnTo } from '../../auth/return-to';
import { currentLanguage } from '../../i18n/i18n';
import { Alert, Button, ButtonLink, Loading } from '../../ui';
import { PublicLayout } from '../public-layout';

/** `/`: signed out, what HOMi is with sign-in and sign-up; signed in, straight into the app. */
export function LandingPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const state = useAuthState();
  if (state.status === 'signed-in') return <Navigate to="/start" />;
  return (
    <PublicLayout hideSignIn>
      {state.status === 'restoring' ? (
        <Loading label={t('auth.restoring')} />
      ) : (
        <div className="flex flex-col gap-8">
          {state.reason === 'session-ended' && (
            <Alert tone="info" title={t('auth.sessionEnded.title')}>{t('auth.sessionEnded.text')}</Alert>
          )}
          <section className="flex flex-col gap-4 py-6 sm:py-12">
            <h1 className="max-w-2xl text-3xl font-semibold tracking-tight text-stone-900 sm:text-4xl">{t('landing.title')}</h1>
            <p className="max-w-2xl text-lg text-stone-700">{t('landing.lead')}</p>
            <div className="mt-2 flex flex-col gap-3 sm:flex-row">
              <Button onClick={() => void auth.signIn(takeReturnTo(), currentLanguage())}>{t('auth.signIn')}</Button>
              <ButtonLink to="/signup" variant="secondary">{t('landing.signUp')}</ButtonLink>
            </div>
          </section>
          <section aria-labelledby="promises" className="grid gap-4 sm:grid-cols-3">
            <h2 id="promises" className="sr-only">{t('landing.promisesTitle')}</h2>
            {(['data', 'rights', 'support'] as const).map((key) => (
              <div key={key} className="rounded-xl border border-stone-200 bg-white p-5">
                <h3 className="font-semibold text-stone-900">{t(`landing.promises.${key}.title`)}</h3>
                <p className="mt-1 text-sm text-stone-700">{t(`landing.promises.${key}.text`)}</p>
              </div>
            ))}
          </section>
        </div>
      )}
    </PublicLayout>
  );
}
