import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth, useAuthState } from '../auth/auth-context';
import { currentLanguage } from '../i18n/i18n';
import { Button, ButtonLink, Link } from '../ui';
import { Brand } from './shell/brand';
import { LanguageSwitch } from './shell/language-switch';

/** The frame of the pages anyone may see: start page, privacy statement, sign-up. */
export function PublicLayout({ children, hideSignIn = false }: { children: ReactNode; hideSignIn?: boolean }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const state = useAuthState();
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Brand />
          <div className="flex items-center gap-2">
            <LanguageSwitch />
            {state.status === 'signed-in' ? (
              <ButtonLink to="/start" size="sm">{t('landing.openApp')}</ButtonLink>
            ) : (
              !hideSignIn && (
                <Button size="sm" variant="secondary" onClick={() => void auth.signIn('/start', currentLanguage())}>
                  {t('auth.signIn')}
                </Button>
              )
            )}
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">{children}</main>
      <footer className="border-t border-stone-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-4 text-sm text-stone-700">
          <p>{t('footer.tagline')}</p>
          <Link to="/privacy">{t('footer.privacy')}</Link>
        </div>
      </footer>
    </div>
  );
}
